package dev.fnlens.collector.store;

import dev.fnlens.collector.store.MessageTemplates.Part;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * How the full-text index holds a message {@link MessageTemplates} renders: not as {@code @message} terms
 * with positions (a REPORT line has about 25 tokens, most of them the same words in every line) but as
 * <ul>
 *   <li>{@link #VALUES}: the words of its fields' text values (status, trigger, route, ...), documents only; a
 *   number's words are its column's to answer ({@link NumberWords}: since format 6, 6 bytes less per REPORT line);</li>
 *   <li>{@link #SHAPE}: one term naming its template and which of its parts are there and have words, from which the
 *   fixed words and their order follow ({@link #skeleton}).</li>
 * </ul>
 * {@link TemplatedSearch} turns a query over {@code @message} into one over these too.
 */
final class TemplatedText {
    /** The words of a templated message's values. */
    static final String VALUES = "@@templateValues";
    /** A templated message's shape. */
    static final String SHAPE = "@@templateShape";
    /** In a {@link #skeleton}: the words of one value. */
    static final String VALUE = "\u0000";

    private static final char ABSENT = '-';
    private static final char WORDS = 'v';
    private static final char NO_WORDS = 'e';

    /** Tokenized like {@code @message}, without frequencies, positions or norms. */
    static final FieldType VALUES_TYPE = new FieldType();

    static {
        VALUES_TYPE.setIndexOptions(IndexOptions.DOCS);
        VALUES_TYPE.setTokenized(true);
        VALUES_TYPE.setOmitNorms(true);
        VALUES_TYPE.freeze();
    }

    private TemplatedText() {
    }

    /**
     * Adds the full-text fields of a message a template renders. An id of a compact shape has no words: it is left
     * out of every message's terms ({@link Ids}).
     */
    static void index(Document doc, MessageTemplates.Rendered message) {
        List<Part> parts = MessageTemplates.PARTS.get(message.template());
        StringBuilder shape = new StringBuilder(parts.size() + 1).append((char) ('0' + message.template()));
        StringBuilder text = new StringBuilder(64);
        for (int i = 0; i < parts.size(); i++) {
            String value = message.values().get(i);
            boolean words = value != null && !(parts.get(i).kind() == MessageTemplates.Kind.ID && Ids.isCompact(value))
                    && value.codePoints().anyMatch(Character::isLetterOrDigit);
            shape.append(value == null ? ABSENT : words ? WORDS : NO_WORDS);
            if (words && !MessageTemplates.isNumber(message.template(), i)) {
                text.append(value).append(' ');
            }
        }
        doc.add(new Field(VALUES, text.toString(), VALUES_TYPE));
        doc.add(new Field(SHAPE, shape.toString(), Schema.KEYWORD_TYPE));
    }

    /**
     * The templated messages with this word in a value: among the text values' words ({@link #VALUES}), or how a
     * number part writes its value ({@link NumberWords}).
     */
    static Query withValueWord(String word) {
        Query text = new TermQuery(new Term(VALUES, word));
        Query number = NumberWords.of(word);
        return number == null ? text : new BooleanQuery.Builder().add(text, BooleanClause.Occur.SHOULD)
                .add(number, BooleanClause.Occur.SHOULD).build();
    }

    /**
     * The tokens of every message of this shape, each value's words as one {@link #VALUE}; null for a term
     * that is not a shape.
     */
    static List<String> skeleton(String shape) {
        int template = shape.isEmpty() ? -1 : template(shape);
        if (template <= MessageTemplates.STORED || template >= MessageTemplates.PARTS.size()
                || shape.length() != MessageTemplates.PARTS.get(template).size() + 1) {
            return null;
        }
        List<FixedWords> parts = FIXED.get(template);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            char c = shape.charAt(i + 1);
            if (c == ABSENT) {
                continue;
            }
            tokens.addAll(parts.get(i).label());
            if (c == WORDS) {
                tokens.add(VALUE);
            }
            tokens.addAll(parts.get(i).unit());
        }
        return tokens;
    }

    /** Whether the messages of this shape write a part with words (a letter or a digit). */
    static boolean writesWords(String shape, int part) {
        return shape.charAt(part + 1) == WORDS;
    }

    /** Whether a part of the messages of this shape is an id of a compact shape: lower-case hex and dashes. */
    static boolean compactId(String shape, int part) {
        return MessageTemplates.PARTS.get(template(shape)).get(part).kind() == MessageTemplates.Kind.ID
                && shape.charAt(part + 1) == NO_WORDS;
    }

    /** The template of a shape {@link #skeleton} accepts. */
    static int template(String shape) {
        return shape.charAt(0) - '0';
    }

    /** The tokens of the messages of this shape, each value with words one slot; null for a term that is no shape. */
    static PhraseInShape.Shape<String> tokens(String shape) {
        List<String> skeleton = skeleton(shape);
        if (skeleton == null) {
            return null;
        }
        int[] partAt = new int[skeleton.size()];
        for (int i = 0, part = 0; i < skeleton.size(); i++) {
            if (VALUE.equals(skeleton.get(i))) {
                while (shape.charAt(part + 1) != WORDS) {
                    part++;
                }
                partAt[i] = part++;
            } else {
                partAt[i] = -1;
            }
        }
        return new PhraseInShape.Shape<>(skeleton, partAt, false);
    }

    /** The characters of the messages of this shape, each value one slot; null for a term that is no shape. */
    static PhraseInShape.Shape<Character> characters(String shape) {
        if (skeleton(shape) == null) {
            return null;
        }
        List<Part> parts = MessageTemplates.PARTS.get(template(shape));
        List<Character> chars = new ArrayList<>();
        List<Integer> partAt = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            if (shape.charAt(i + 1) == ABSENT) {
                continue;
            }
            parts.get(i).label().chars().forEach(c -> {
                chars.add((char) c);
                partAt.add(-1);
            });
            chars.add('\u0000');
            partAt.add(i);
            parts.get(i).unit().chars().forEach(c -> {
                chars.add((char) c);
                partAt.add(-1);
            });
        }
        return new PhraseInShape.Shape<>(chars, partAt.stream().mapToInt(Integer::intValue).toArray(), true);
    }

    /** A part's fixed words, before and after its value. */
    private record FixedWords(List<String> label, List<String> unit) {
    }

    /** By template and part, as the message analyzer cuts them. */
    private static final List<List<FixedWords>> FIXED;
    /** Every fixed word of every template: what a query's word is looked up in. */
    static final List<String> FIXED_WORDS;

    static {
        List<List<FixedWords>> byTemplate = new ArrayList<>();
        TreeSet<String> words = new TreeSet<>();
        try {
            for (List<Part> parts : MessageTemplates.PARTS) {
                List<FixedWords> fixed = new ArrayList<>();
                for (Part part : parts) {
                    FixedWords partWords = new FixedWords(MessageAnalyzer.tokens(part.label()),
                            MessageAnalyzer.tokens(part.unit()));
                    fixed.add(partWords);
                    words.addAll(partWords.label());
                    words.addAll(partWords.unit());
                }
                byTemplate.add(List.copyOf(fixed));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // analyzing a constant string
        }
        FIXED = List.copyOf(byTemplate);
        FIXED_WORDS = List.copyOf(words);
    }
}
