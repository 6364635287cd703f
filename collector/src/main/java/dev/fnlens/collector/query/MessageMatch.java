package dev.fnlens.collector.query;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.query.MessageTokens.Token;
import dev.fnlens.collector.store.IdQuery;
import dev.fnlens.collector.store.Ids;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;

/**
 * "The message contains this text" as a query over the message's terms that finds every
 * such message (and perhaps a few more, which the engine then drops). The text's tokens
 * ({@code MessageAnalyzer}: runs of letters and digits, lower-cased) must be in the message:
 * a token with a separator on both sides as a term, one cut by the start or end of the text
 * as a suffix or prefix of a term; whole tokens next to each other as a phrase.
 *
 * <p>A message's own ids are not in its terms (see {@link Ids}): when the text has tokens that
 * could be pieces of one (lower-case hex; a whole token only of a piece's length), a message also
 * matches when one of its id fields has such a piece and it has the text's other whole tokens.
 */
final class MessageMatch {
    /** A shorter prefix than this is no narrowing worth its terms: {@code like "Duration: 1"} asks {@code *duration}. */
    private static final int MIN_PREFIX = 3;

    private MessageMatch() {
    }

    /** A query matching at least every message that contains {@code text}; null when no term is certain. */
    static Query containing(String text) {
        List<Token> tokens = MessageTokens.of(text);
        if (tokens == null || tokens.isEmpty()) {
            return null;
        }
        List<Token> kept = new ArrayList<>();
        List<String> pieces = new ArrayList<>();
        for (Token t : tokens) {
            if (t.whole() ? Ids.couldBeWholePiece(t.text()) : Ids.couldBePiece(t.text())) {
                pieces.add(t.text());
            } else {
                kept.add(t);
            }
        }
        Query anywhere = allOf(tokens, true);
        if (pieces.isEmpty()) {
            return anywhere;
        }
        // or the text overlaps one of the message's own ids, which are not in its terms
        Query rest = allOf(kept, false);
        BooleanQuery.Builder anyId = new BooleanQuery.Builder();
        for (String field : Ids.FIELDS) {
            anyId.add(new IdQuery(field, "has a piece of " + pieces, id -> Ids.isCompact(id) && containsAny(id, pieces)),
                    BooleanClause.Occur.SHOULD);
        }
        Query ownId = anyId.build();
        Query overlapping = rest == null ? ownId : new BooleanQuery.Builder().add(rest, BooleanClause.Occur.FILTER)
                .add(ownId, BooleanClause.Occur.FILTER).build();
        if (anywhere == null) {
            return overlapping;
        }
        return new BooleanQuery.Builder().add(anywhere, BooleanClause.Occur.SHOULD)
                .add(overlapping, BooleanClause.Occur.SHOULD).build();
    }

    private static boolean containsAny(String id, List<String> pieces) {
        for (String p : pieces) {
            if (id.contains(p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The tokens as terms: whole ones as a phrase when {@code adjacent} (they are next to each
     * other in the message too), else each on its own; with no whole token, a cut one as a
     * prefix, suffix or infix. Null for no tokens.
     */
    private static Query allOf(List<Token> tokens, boolean adjacent) {
        List<String> whole = new ArrayList<>();
        for (Token t : tokens) {
            if (t.whole()) {
                whole.add(t.text());
            }
        }
        if (!whole.isEmpty()) {
            if (whole.size() == 1) {
                return new TermQuery(new Term(LogEvent.MESSAGE, whole.get(0)));
            }
            if (adjacent) {
                return new PhraseQuery(LogEvent.MESSAGE, whole.toArray(String[]::new));
            }
            BooleanQuery.Builder all = new BooleanQuery.Builder();
            whole.forEach(w -> all.add(new TermQuery(new Term(LogEvent.MESSAGE, w)), BooleanClause.Occur.FILTER));
            return all.build();
        }
        // only cut tokens: the last one as a prefix is cheapest, when it narrows (a prefix of 1 or 2 characters
        // would take nearly every message); otherwise the longest, as a suffix or infix
        Token longest = null;
        for (int i = tokens.size() - 1; i >= 0; i--) {
            Token t = tokens.get(i);
            if (!t.leftCut() && t.text().length() >= MIN_PREFIX) {
                return new PrefixQuery(new Term(LogEvent.MESSAGE, t.text()));
            }
            if (longest == null || t.text().length() > longest.text().length()) {
                longest = t;
            }
        }
        if (longest == null) {
            return null;
        }
        Token t = longest;
        if (!t.leftCut()) {
            return new PrefixQuery(new Term(LogEvent.MESSAGE, t.text()));
        }
        String pattern = "*" + t.text() + (t.rightCut() ? "*" : "");
        // a leading * scans every term of the segment: kept per segment for the next time (alert rules)
        return new SegmentCachedQuery(new WildcardQuery(new Term(LogEvent.MESSAGE, pattern)));
    }
}
