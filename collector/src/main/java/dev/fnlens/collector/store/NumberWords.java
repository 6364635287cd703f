package dev.fnlens.collector.store;

import dev.fnlens.collector.store.MessageTemplates.Kind;
import dev.fnlens.collector.store.MessageTemplates.Part;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * Templated messages ({@link TemplatedText}) one of whose numbers is written with a word a test accepts. Since index
 * format 6 a number's words are not among the values' words: its column holds them, and as terms they took 6 of a
 * REPORT line's 72 bytes. A whole number is written as one word ({@code 512}), a duration as two ({@code 102.05}:
 * {@code 102} and {@code 05}). Each value of the messages of the shapes that write a number is tested: one word as
 * a number (a duration's decimals written out), the words of a multi-term query written out.
 */
final class NumberWords extends Query {
    /** One word, or null for {@link #query}'s words. */
    private final String word;
    private final MultiTermQuery query;
    private final Words words;

    private NumberWords(String word, MultiTermQuery query, Words words) {
        this.word = word;
        this.query = query;
        this.words = words;
    }

    /**
     * The messages with a number written with this word; null when no number can be: a number is written with digits
     * and no leading zero, but for 0 itself and a duration's two decimals ({@code 05}).
     */
    static Query of(String word) {
        boolean writable = digits(word) && (word.charAt(0) != '0' || word.length() <= 2);
        return writable ? new NumberWords(word, null, Words.of(word)) : null;
    }

    /** The messages with a number written with a word the query accepts; null when it accepts no word of digits. */
    static Query acceptedBy(MultiTermQuery query) {
        Words words = Words.of(query);
        return words.anyOfDigits() ? new NumberWords(null, query, words) : null;
    }

    private static boolean digits(String word) {
        return !word.isEmpty() && word.length() <= MessageTemplates.MAX_NUMBER_CHARS
                && word.chars().allMatch(NumberWords::digit);
    }

    private static boolean digit(int c) {
        return c >= '0' && c <= '9';
    }

    /** Words of bytes: some given exactly, and those an automaton accepts. */
    private record Words(List<BytesRef> exactly, List<ByteRunAutomaton> automata) {
        static Words of(String word) {
            return new Words(List.of(new BytesRef(word)), List.of());
        }

        /** What the query matches in its field's terms, as its {@code visit} gives it. */
        static Words of(MultiTermQuery query) {
            List<BytesRef> exactly = new ArrayList<>();
            List<ByteRunAutomaton> automata = new ArrayList<>();
            query.visit(new QueryVisitor() {
                @Override
                public void consumeTerms(Query q, Term... terms) {
                    for (Term t : terms) {
                        exactly.add(t.bytes());
                    }
                }

                @Override
                public void consumeTermsMatching(Query q, String field, Supplier<ByteRunAutomaton> automaton) {
                    automata.add(automaton.get());
                }
            });
            return new Words(exactly, automata);
        }

        boolean accepts(byte[] bytes, int from, int to) {
            for (BytesRef word : exactly) {
                if (Arrays.equals(word.bytes, word.offset, word.offset + word.length, bytes, from, to)) {
                    return true;
                }
            }
            for (ByteRunAutomaton automaton : automata) {
                if (automaton.run(bytes, from, to - from)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether a word of digits alone is among them: a state reached by digits from the start accepts. */
        boolean anyOfDigits() {
            if (exactly.stream().anyMatch(w -> digits(w.utf8ToString()))) {
                return true;
            }
            for (ByteRunAutomaton automaton : automata) {
                BitSet seen = new BitSet(automaton.getSize());
                Deque<Integer> next = new ArrayDeque<>(List.of(0));
                while (!next.isEmpty()) {
                    int state = next.pop();
                    for (int c = '0'; c <= '9'; c++) {
                        int to = automaton.step(state, c);
                        if (to >= 0 && !seen.get(to)) {
                            if (automaton.isAccept(to)) {
                                return true;
                            }
                            seen.set(to);
                            next.push(to);
                        }
                    }
                }
            }
            return false;
        }
    }

    /**
     * In each segment: for each shape that writes a number part, its messages whose value has the words. One leaf
     * of the query, however many parts and shapes there are: a phrase's candidates ask for a few words each.
     */
    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
        return new ConstantScoreWeight(this, boost) {
            @Override
            public Scorer scorer(LeafReaderContext context) throws IOException {
                Terms shapes = context.reader().terms(TemplatedText.SHAPE);
                if (shapes == null) {
                    return null;
                }
                FixedBitSet matches = new FixedBitSet(context.reader().maxDoc());
                TermsEnum it = shapes.iterator();
                PostingsEnum docs = null;
                for (BytesRef term = it.next(); term != null; term = it.next()) {
                    String shape = term.utf8ToString();
                    if (TemplatedText.skeleton(shape) == null) {
                        continue;
                    }
                    int template = TemplatedText.template(shape);
                    List<Part> parts = MessageTemplates.PARTS.get(template);
                    for (int i = 0; i < parts.size(); i++) {
                        if (MessageTemplates.isNumber(template, i) && TemplatedText.writesWords(shape, i)) {
                            docs = it.postings(docs, PostingsEnum.NONE);
                            collect(parts.get(i), context, docs, matches);
                        }
                    }
                }
                int found = matches.cardinality();
                return found == 0 ? null : new ConstantScoreScorer(this, score(), scoreMode,
                        new BitSetIterator(matches, found));
            }

            @Override
            public boolean isCacheable(LeafReaderContext ctx) {
                return true;
            }
        };
    }

    /** Of these messages, those whose part is written with the words. */
    private void collect(Part part, LeafReaderContext context, DocIdSetIterator docs, FixedBitSet matches)
            throws IOException {
        ScaledNumbers.Column column = new ScaledNumbers.Column(context.reader(), part.field());
        ValueTest test = test(part);
        for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
            if (column.advance(doc) && test.holds(column.value())) {
                matches.set(doc);
            }
        }
    }

    private interface ValueTest {
        boolean holds(double value);
    }

    /**
     * One word: a whole number equal to it, a duration whose whole milliseconds are it, or whose decimals are (two
     * digits: written out). Else each word of the value written out, tested.
     */
    private ValueTest test(Part part) {
        char[] chars = new char[MessageTemplates.MAX_NUMBER_CHARS];
        byte[] written = new byte[MessageTemplates.MAX_NUMBER_CHARS];
        boolean duration = part.kind() == Kind.MILLIS;
        ValueTest writtenWithWords = value -> {
            int length = MessageTemplates.writeNumber(part, value, chars);
            for (int i = 0; i < length; i++) {
                written[i] = (byte) chars[i]; // digits and a dot
            }
            int whole = duration ? length - 3 : length;
            return length > 0 && (words.accepts(written, 0, whole) || duration && words.accepts(written, whole + 1, length));
        };
        if (word == null) {
            return writtenWithWords;
        }
        Double first = MessageTemplates.readNumber(part, duration ? word + ".00" : word);
        boolean decimals = duration && word.length() == 2;
        if (first == null) {
            return decimals ? writtenWithWords : value -> false;
        }
        double last = duration ? MessageTemplates.readNumber(part, word + ".99") : first;
        return value -> value >= first && value <= last || decimals && writtenWithWords.holds(value);
    }

    @Override
    public void visit(QueryVisitor visitor) {
        visitor.visitLeaf(this);
    }

    @Override
    public String toString(String field) {
        return "numbers written with " + (word != null ? "word " + word : "a word of " + query);
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && Objects.equals(word, ((NumberWords) other).word)
                && Objects.equals(query, ((NumberWords) other).query);
    }

    @Override
    public int hashCode() {
        return Objects.hash(classHash(), word, query);
    }
}
