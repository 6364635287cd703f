package dev.fnlens.collector.query;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.store.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * The tokens of a piece of message text as the stores index messages (runs of letters and digits,
 * lower-cased), with whether the text's start or end cuts them: a message containing the text
 * has its whole tokens as terms, next to each other, and its cut ones as parts of terms.
 */
public final class MessageTokens {
    /** Longer runs are cut by the tokenizer, at places the text alone does not tell. */
    private static final int MAX_TOKEN_CHARS = 255;
    private static final Analyzer ANALYZER = Schema.queryAnalyzer();

    /** One token; {@code leftCut}: it starts the text, {@code rightCut}: it ends it (so may go on in a message). */
    public record Token(String text, boolean leftCut, boolean rightCut) {
        public boolean whole() {
            return !leftCut && !rightCut;
        }
    }

    private MessageTokens() {
    }

    /** The tokens of {@code text}, in order; null when a token is too long to be sure of its terms. */
    public static List<Token> of(String text) {
        List<Token> tokens = new ArrayList<>();
        try (TokenStream stream = ANALYZER.tokenStream(LogEvent.MESSAGE, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                int start = offset.startOffset();
                int end = offset.endOffset();
                if (end - start >= MAX_TOKEN_CHARS || term.length() >= MAX_TOKEN_CHARS) {
                    return null;
                }
                tokens.add(new Token(term.toString(), start == 0, end == text.length()));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }
}
