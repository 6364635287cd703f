package dev.fnlens.collector.store;

import dev.fnlens.collector.event.LogEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.util.CharTokenizer;

/**
 * Tokens are runs of letters or digits, lower-cased. About as cheap as SimpleAnalyzer
 * (the ingest budget in verified-here.md) but keeps digits, so request ids and numbers
 * stay findable: {@code 8f507cfc-xmpl-4697} becomes {@code 8f507cfc xmpl 4697} and the
 * query parser turns the same text into that phrase; {@code java.lang.IllegalStateException}
 * is found by its simple name too.
 */
final class MessageAnalyzer extends Analyzer {
    private static final MessageAnalyzer SHARED = new MessageAnalyzer();

    /** The tokens {@code @message} gets for {@code text}. */
    static List<String> tokens(String text) throws IOException {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = SHARED.tokenStream(LogEvent.MESSAGE, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        }
        return tokens;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer tokenizer = CharTokenizer.fromTokenCharPredicate(Character::isLetterOrDigit);
        return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
    }
}
