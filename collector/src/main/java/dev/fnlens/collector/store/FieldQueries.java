package dev.fnlens.collector.store;

import dev.fnlens.collector.event.LogEvent;
import java.util.List;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSortSortedNumericDocValuesRangeQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.NumericUtils;
import org.apache.lucene.util.automaton.Operations;

/** Lucene queries over the {@link Schema}'s columns: exact ones over the numbers, and discovered values. */
public final class FieldQueries {
    private FieldQueries() {
    }

    /**
     * Events whose discovered {@code field} has a {@link Schema#scattered} value only the message's terms hold
     * ({@link Schema#JSON_IN_MESSAGE}) and whose message matches {@code messageMatch} (the value's text).
     */
    public static Query inMessage(String field, Query messageMatch) {
        return new BooleanQuery.Builder()
                .add(new TermQuery(new Term(Schema.JSON_IN_MESSAGE, field)), BooleanClause.Occur.FILTER)
                .add(messageMatch, BooleanClause.Occur.FILTER).build();
    }

    /**
     * At least the events that have the discovered field {@code name}: a term of its value, or its name among the
     * fields whose value the message holds or that have no term; and {@code keyInMessage} (the field's key among the
     * message's words), for partitions written before values without a term were named.
     */
    public static Query discoveredPresent(String name, Query keyInMessage) {
        return new BooleanQuery.Builder()
                .add(new PrefixQuery(new Term(Schema.JSON_TERMS, name + Schema.JSON_SEPARATOR)), BooleanClause.Occur.SHOULD)
                .add(discoveredWithoutTerm(name, keyInMessage), BooleanClause.Occur.SHOULD)
                .build();
    }

    /**
     * The events whose discovered field {@code name} has a value without a {@link Schema#JSON_TERMS} term, and some
     * more: named in {@link Schema#JSON_IN_MESSAGE}, or {@link #discoveredLong}.
     */
    public static Query discoveredWithoutTerm(String name, Query keyInMessage) {
        return new BooleanQuery.Builder()
                .add(new TermQuery(new Term(Schema.JSON_IN_MESSAGE, name)), BooleanClause.Occur.SHOULD)
                .add(discoveredLong(name, keyInMessage), BooleanClause.Occur.SHOULD)
                .build();
    }

    /**
     * The events whose discovered field {@code name} has a value too long for a term, and some more: named in
     * {@link Schema#JSON_UNINDEXED}, or in partitions written before such values were named ({@link InOlderPartitions}),
     * a message longer than such a value with {@code keyInMessage} (the field's key among its words; all of them only
     * when not null).
     */
    public static Query discoveredLong(String name, Query keyInMessage) {
        Query named = new TermQuery(new Term(Schema.JSON_UNINDEXED, name));
        if (keyInMessage == null) {
            return named;
        }
        Query longMessage = NumericDocValuesField.newSlowRangeQuery(Schema.META,
                (long) (Schema.MAX_INDEXED_VALUE_CHARS + 1) << 2, Long.MAX_VALUE); // META: UTF-8 length << 2 | ...
        Query older = new InOlderPartitions(new BooleanQuery.Builder().add(longMessage, BooleanClause.Occur.FILTER)
                .add(keyInMessage, BooleanClause.Occur.FILTER).build());
        return new BooleanQuery.Builder().add(named, BooleanClause.Occur.SHOULD)
                .add(older, BooleanClause.Occur.SHOULD).build();
    }

    /** Events whose keyword is this value: by its term, or the doc values of one of {@link Schema#DOC_VALUES_ONLY}. */
    public static Query keyword(String field, String value) {
        return Schema.DOC_VALUES_ONLY.contains(field) ? SortedDocValuesField.newSlowExactQuery(field, new BytesRef(value))
                : new TermQuery(new Term(field, value));
    }

    /** Events whose keyword is one of these values. */
    public static Query keywordIn(String field, List<String> values) {
        List<BytesRef> terms = values.stream().map(BytesRef::new).toList();
        return Schema.DOC_VALUES_ONLY.contains(field) ? SortedDocValuesField.newSlowSetQuery(field, terms)
                : new TermInSetQuery(field, terms);
    }

    /** How a multi-term query (prefix, wildcard, ...) over a keyword finds its values: in the terms or the doc values. */
    public static MultiTermQuery.RewriteMethod keywordRewrite(String field) {
        return Schema.DOC_VALUES_ONLY.contains(field) ? MultiTermQuery.DOC_VALUES_REWRITE
                : MultiTermQuery.CONSTANT_SCORE_BLENDED_REWRITE;
    }

    /** Events whose keyword matches a wildcard pattern. */
    public static Query keywordWildcard(String field, String pattern) {
        return new WildcardQuery(new Term(field, pattern), Operations.DEFAULT_DETERMINIZE_WORK_LIMIT,
                keywordRewrite(field));
    }

    /** Events with {@code @timestamp} in {@code [from, to]}: a binary search in each time-sorted segment. */
    public static Query timeRange(long fromMillis, long toMillis) {
        return longRange(LogEvent.TIMESTAMP, fromMillis, toMillis);
    }

    /** {@code @timestamp} or {@code @ingestionTime} in {@code [lo, hi]}. */
    public static Query longRange(String field, long lo, long hi) {
        if (lo > hi) {
            return new MatchNoDocsQuery();
        }
        Query slow = NumericDocValuesField.newSlowRangeQuery(field, lo, hi);
        return LogEvent.TIMESTAMP.equals(field) ? new IndexSortSortedNumericDocValuesRangeQuery(field, lo, hi, slow) : slow;
    }

    /**
     * One of the {@link Schema#DOUBLES} in a range, exactly as the values compare as doubles;
     * NaN bounds match nothing.
     */
    public static Query doubleRange(String field, double lo, boolean loInclusive, double hi, boolean hiInclusive) {
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            return new MatchNoDocsQuery();
        }
        long scaledLo = firstScaledAbove(lo, loInclusive);
        long scaledHi = lastScaledBelow(hi, hiInclusive);
        double rawLo = loInclusive ? lo : Math.nextUp(lo);
        double rawHi = hiInclusive ? hi : Math.nextDown(hi);
        BooleanQuery.Builder either = new BooleanQuery.Builder();
        if (scaledLo <= scaledHi) {
            either.add(NumericDocValuesField.newSlowRangeQuery(field, scaledLo, scaledHi), BooleanClause.Occur.SHOULD);
        }
        if (rawLo <= rawHi) {
            either.add(NumericDocValuesField.newSlowRangeQuery(field + ScaledNumbers.RAW_SUFFIX,
                    NumericUtils.doubleToSortableLong(rawLo), NumericUtils.doubleToSortableLong(rawHi)),
                    BooleanClause.Occur.SHOULD);
        }
        if (field.equals(LogEvent.BILLED_DURATION)) {
            either.add(billedFromDuration(lo, loInclusive, hi, hiInclusive), BooleanClause.Occur.SHOULD);
        }
        return either.build();
    }

    /**
     * Billed durations kept as a mark, in a range: the whole milliseconds {@code k} in it are the ceilings of the
     * durations in {@code (kLo - 1, kHi]}.
     */
    private static Query billedFromDuration(double lo, boolean loInclusive, double hi, boolean hiInclusive) {
        double kLo = loInclusive ? Math.ceil(lo) : Math.floor(lo) + 1;
        double kHi = hiInclusive ? Math.floor(hi) : Math.ceil(hi) - 1;
        if (!(kLo <= kHi)) {
            return new MatchNoDocsQuery("no whole millisecond in the range");
        }
        return new BooleanQuery.Builder()
                .add(new FieldExistsQuery(ScaledNumbers.BILLED_FROM_DURATION), BooleanClause.Occur.FILTER)
                .add(doubleRange(LogEvent.DURATION, kLo - 1, false, kHi, true), BooleanClause.Occur.FILTER)
                .build();
    }

    /** Events that have the numeric field at all. */
    public static Query doubleExists(String field) {
        BooleanQuery.Builder any = new BooleanQuery.Builder()
                .add(new FieldExistsQuery(field), BooleanClause.Occur.SHOULD)
                .add(new FieldExistsQuery(field + ScaledNumbers.RAW_SUFFIX), BooleanClause.Occur.SHOULD);
        if (field.equals(LogEvent.BILLED_DURATION)) {
            any.add(new FieldExistsQuery(ScaledNumbers.BILLED_FROM_DURATION), BooleanClause.Occur.SHOULD);
        }
        return any.build();
    }

    /** The smallest long {@code c} with {@code c / 100d} above (or at) {@code bound}. */
    private static long firstScaledAbove(double bound, boolean inclusive) {
        if (bound == Double.NEGATIVE_INFINITY) {
            return Long.MIN_VALUE;
        }
        if (bound >= 1e15) {
            return Long.MAX_VALUE;
        }
        if (bound <= -1e15) {
            return Long.MIN_VALUE;
        }
        long c = (long) Math.floor(bound * 100) - 2;
        while (inclusive ? ScaledNumbers.unscale(c) < bound : ScaledNumbers.unscale(c) <= bound) {
            c++;
        }
        return c;
    }

    /** The largest long {@code c} with {@code c / 100d} below (or at) {@code bound}. */
    private static long lastScaledBelow(double bound, boolean inclusive) {
        if (bound == Double.POSITIVE_INFINITY || bound >= 1e15) {
            return Long.MAX_VALUE;
        }
        if (bound <= -1e15) {
            return Long.MIN_VALUE;
        }
        long c = (long) Math.ceil(bound * 100) + 2;
        while (inclusive ? ScaledNumbers.unscale(c) > bound : ScaledNumbers.unscale(c) >= bound) {
            c--;
        }
        return c;
    }
}
