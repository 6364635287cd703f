package dev.fnlens.collector.search;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.store.Schema;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.Query;

/**
 * Lucene's classic syntax over {@code @message}, with what log search needs on top:
 * terms are ANDed ({@code timeout error} means both), a term the analyzer splits
 * ({@code 8f507cfc-xmpl-4697}, {@code java.lang.IllegalStateException}) is a phrase, and
 * numeric fields accept ranges and exact values ({@code @duration:[1000 TO *]}).
 * Not thread-safe: one per query.
 */
final class FnlensQueryParser extends QueryParser {
    FnlensQueryParser() {
        super(LogEvent.MESSAGE, Schema.queryAnalyzer());
        setDefaultOperator(AND_OPERATOR);
        setSplitOnWhitespace(true);
        setAutoGeneratePhraseQueries(true);
    }

    @Override
    protected Query getRangeQuery(String field, String part1, String part2, boolean startInclusive,
                                  boolean endInclusive) throws ParseException {
        if (Schema.DOUBLES.contains(field)) {
            double lo = part1 == null ? Double.NEGATIVE_INFINITY : parseDouble(field, part1);
            double hi = part2 == null ? Double.POSITIVE_INFINITY : parseDouble(field, part2);
            return DoublePoint.newRangeQuery(field, startInclusive ? lo : Math.nextUp(lo),
                    endInclusive ? hi : Math.nextDown(hi));
        }
        if (Schema.LONGS.contains(field)) {
            long lo = part1 == null ? Long.MIN_VALUE : parseLong(field, part1);
            long hi = part2 == null ? Long.MAX_VALUE : parseLong(field, part2);
            return LongPoint.newRangeQuery(field, startInclusive || lo == Long.MAX_VALUE ? lo : lo + 1,
                    endInclusive || hi == Long.MIN_VALUE ? hi : hi - 1);
        }
        return super.getRangeQuery(field, part1, part2, startInclusive, endInclusive);
    }

    @Override
    protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
        if (Schema.DOUBLES.contains(field)) {
            return DoublePoint.newExactQuery(field, parseDouble(field, queryText));
        }
        if (Schema.LONGS.contains(field)) {
            return LongPoint.newExactQuery(field, parseLong(field, queryText));
        }
        return super.getFieldQuery(field, queryText, quoted);
    }

    private static double parseDouble(String field, String text) throws ParseException {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new ParseException(field + " expects a number, got '" + text + "'");
        }
    }

    private static long parseLong(String field, String text) throws ParseException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ParseException(field + " expects epoch milliseconds, got '" + text + "'");
        }
    }
}
