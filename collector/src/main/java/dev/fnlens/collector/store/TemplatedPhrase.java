package dev.fnlens.collector.store;

import dev.fnlens.collector.event.LogEvent;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

/**
 * Templated messages ({@link TemplatedText}) that hold a phrase with at least one word of a value in it (a phrase
 * of fixed words alone is the shapes' to answer). An exact phrase is found by the values it crosses in each way it
 * can lie in the index's shapes ({@link PhraseByShape}). A sloppy one is checked candidate by candidate (each word
 * among their values or fixed words), each rendered.
 */
final class TemplatedPhrase extends Query {
    private final PhraseQuery phrase;
    private final String[] words;
    private final int[] positions;

    TemplatedPhrase(PhraseQuery phrase) {
        this.phrase = phrase;
        Term[] terms = phrase.getTerms();
        this.words = new String[terms.length];
        for (int i = 0; i < terms.length; i++) {
            words[i] = terms[i].text();
        }
        this.positions = phrase.getPositions();
    }

    /**
     * An exact phrase becomes a query of the ways it can lie in the index's shapes ({@link PhraseByShape}); a sloppy
     * one, or one of too many ways, is checked candidate by candidate.
     */
    @Override
    public Query rewrite(IndexSearcher searcher) throws IOException {
        for (int i = 1; i < positions.length; i++) {
            if (positions[i] != positions[i - 1] + 1) {
                return this;
            }
        }
        Query byShape = phrase.getSlop() == 0
                ? PhraseByShape.of(searcher.getIndexReader(), List.of(words), PhraseTokens.INSTANCE) : null;
        return byShape == null ? this : byShape;
    }

    /** Messages with every word somewhere (and, without a slop, at least one of them in a value). */
    private Query candidates() {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        BooleanQuery.Builder inAValue = new BooleanQuery.Builder();
        Set<String> distinct = new LinkedHashSet<>(List.of(words));
        for (String word : distinct) {
            Query value = TemplatedText.withValueWord(word);
            inAValue.add(value, BooleanClause.Occur.SHOULD);
            all.add(new BooleanQuery.Builder().add(value, BooleanClause.Occur.SHOULD)
                    .add(TemplatedSearch.Shapes.withWord(word), BooleanClause.Occur.SHOULD).build(), BooleanClause.Occur.FILTER);
        }
        if (phrase.getSlop() == 0) {
            all.add(inAValue.build(), BooleanClause.Occur.FILTER);
        }
        return all.build();
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
        Weight candidates = searcher.createWeight(searcher.rewrite(candidates()), ScoreMode.COMPLETE_NO_SCORES, 1f);
        return new ConstantScoreWeight(this, boost) {
            @Override
            public Scorer scorer(LeafReaderContext context) throws IOException {
                Scorer scorer = candidates.scorer(context);
                if (scorer == null) {
                    return null;
                }
                DocIdSetIterator docs = scorer.iterator();
                EventColumns columns = new EventColumns(context.reader());
                TwoPhaseIterator check = new TwoPhaseIterator(docs) {
                    @Override
                    public boolean matches() throws IOException {
                        columns.moveTo(docs.docID());
                        return holds(tokens(columns));
                    }

                    @Override
                    public float matchCost() {
                        return 2_000; // reads a dozen doc values and analyzes the message
                    }
                };
                return new ConstantScoreScorer(this, score(), scoreMode, check);
            }

            @Override
            public boolean isCacheable(LeafReaderContext ctx) {
                return true;
            }
        };
    }

    /** The message's tokens as {@code @message} would have them: without its own ids of a compact shape. */
    private static List<String> tokens(EventColumns columns) throws IOException {
        String message = (String) columns.get(LogEvent.MESSAGE);
        Map<String, Object> fields = columns.discovered(); // its ids as rendered, not looked up again
        return MessageAnalyzer.tokens(Ids.withoutOwnIds(message, Ids.ownIds(fields::get)));
    }

    private boolean holds(List<String> tokens) {
        return phrase.getSlop() == 0 ? contains(tokens, phrase) : within(tokens, 0, Integer.MAX_VALUE, Integer.MIN_VALUE);
    }

    /** The phrase's words at their relative positions, exactly. */
    static boolean contains(List<String> tokens, PhraseQuery phrase) {
        Term[] terms = phrase.getTerms();
        int[] positions = phrase.getPositions();
        if (terms.length == 0) {
            return false;
        }
        for (int start = 0; start < tokens.size(); start++) {
            boolean all = true;
            for (int i = 0; i < terms.length && all; i++) {
                int at = start + positions[i] - positions[0];
                all = at < tokens.size() && tokens.get(at).equals(terms[i].text());
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    /**
     * Each word at some position such that, less its place in the phrase, they all lie within the slop of each
     * other: Lucene's sloppy phrase for distinct words (a word repeated in the phrase may take the same position).
     */
    private boolean within(List<String> tokens, int i, int min, int max) {
        if (i == words.length) {
            return max - min <= phrase.getSlop();
        }
        for (int at = 0; at < tokens.size(); at++) {
            if (tokens.get(at).equals(words[i])) {
                int offset = at - positions[i];
                int lo = Math.min(min, offset);
                int hi = Math.max(max, offset);
                if (hi - lo <= phrase.getSlop() && within(tokens, i + 1, lo, hi)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void visit(QueryVisitor visitor) {
        visitor.visitLeaf(this);
    }

    @Override
    public String toString(String field) {
        return "templated " + phrase;
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && phrase.equals(((TemplatedPhrase) other).phrase);
    }

    @Override
    public int hashCode() {
        return 31 * classHash() + phrase.hashCode();
    }
}
