package dev.fnlens.collector.search;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.store.DiscoveredValueQuery;
import dev.fnlens.collector.store.FieldQueries;
import dev.fnlens.collector.store.IdQuery;
import dev.fnlens.collector.store.Ids;
import dev.fnlens.collector.store.Schema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.RegExp;

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
            return FieldQueries.doubleRange(field, lo, startInclusive, hi, endInclusive);
        }
        if (Schema.LONGS.contains(field)) {
            long lo = part1 == null ? Long.MIN_VALUE : parseLong(field, part1);
            long hi = part2 == null ? Long.MAX_VALUE : parseLong(field, part2);
            return FieldQueries.longRange(field, startInclusive || lo == Long.MAX_VALUE ? lo : lo + 1,
                    endInclusive || hi == Long.MIN_VALUE ? hi : hi - 1);
        }
        return super.getRangeQuery(field, part1, part2, startInclusive, endInclusive);
    }

    @Override
    protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
        if (Schema.DOUBLES.contains(field)) {
            double v = parseDouble(field, queryText);
            return FieldQueries.doubleRange(field, v, true, v, true);
        }
        if (Schema.LONGS.contains(field)) {
            long v = parseLong(field, queryText);
            return FieldQueries.longRange(field, v, v);
        }
        if (Ids.FIELDS.contains(field)) {
            return Ids.exactly(field, List.of(queryText));
        }
        if (isDiscovered(field)) {
            Query term = new TermQuery(new Term(Schema.JSON_TERMS, Schema.jsonTerm(field, queryText)));
            Query inMessage = Schema.scattered(queryText) ? getFieldQuery(LogEvent.MESSAGE, queryText, true) : null;
            if (inMessage == null) {
                return term;
            }
            // a value the message holds as written has no term of its own (Schema.scattered): check those lines
            return new BooleanQuery.Builder().add(term, BooleanClause.Occur.SHOULD)
                    .add(DiscoveredValueQuery.equalTo(field, queryText, FieldQueries.inMessage(field, inMessage)),
                            BooleanClause.Occur.SHOULD)
                    .build();
        }
        Query query = super.getFieldQuery(field, queryText, quoted);
        if (query != null && LogEvent.MESSAGE.equals(field)) {
            List<String> pieces = idPieces(queryText);
            if (!pieces.isEmpty()) {
                // the events' own ids are not in the message terms (Ids): look there too
                BooleanQuery.Builder either = new BooleanQuery.Builder().add(query, BooleanClause.Occur.SHOULD);
                for (String idField : Ids.FIELDS) {
                    either.add(new IdQuery(idField, "pieces " + pieces, id -> containsRun(id, pieces)),
                            BooleanClause.Occur.SHOULD);
                }
                return either.build();
            }
        }
        return query;
    }

    /**
     * Messages that may hold a value starting with {@code prefix}: its tokens, the last one perhaps cut; or, as the
     * events' own ids are not in the message terms (Ids), an id with those pieces. Null when the prefix has no token.
     */
    private Query messageStartingWith(String prefix) {
        List<String> tokens = tokens(prefix);
        if (tokens.isEmpty()) {
            return null;
        }
        boolean cut = Character.isLetterOrDigit(prefix.codePointBefore(prefix.length()));
        BooleanQuery.Builder words = new BooleanQuery.Builder();
        for (int i = 0; i < tokens.size(); i++) {
            Term term = new Term(LogEvent.MESSAGE, tokens.get(i));
            words.add(cut && i == tokens.size() - 1 ? new PrefixQuery(term) : new TermQuery(term), BooleanClause.Occur.FILTER);
        }
        if (!tokens.stream().allMatch(Ids::couldBePiece)) {
            return words.build();
        }
        String text = prefix.toLowerCase(java.util.Locale.ROOT);
        BooleanQuery.Builder either = new BooleanQuery.Builder().add(words.build(), BooleanClause.Occur.SHOULD);
        for (String idField : Ids.FIELDS) {
            either.add(new IdQuery(idField, "containing " + text, id -> id.contains(text)), BooleanClause.Occur.SHOULD);
        }
        return either.build();
    }

    /** The text's tokens when they could be consecutive pieces of an id (a UUID, an X-Ray id), else none. */
    private List<String> idPieces(String text) {
        List<String> tokens = tokens(text);
        if (tokens.isEmpty() || tokens.size() > 5) {
            return List.of();
        }
        for (String t : tokens) {
            if (!Ids.couldBePiece(t)) {
                return List.of();
            }
        }
        return tokens;
    }

    /** The message analyzer's tokens of {@code text}. */
    private List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = getAnalyzer().tokenStream(LogEvent.MESSAGE, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            return List.of();
        }
        return tokens;
    }

    private static boolean containsRun(String id, List<String> pieces) {
        if (!Ids.isCompact(id)) {
            return false;
        }
        String[] parts = id.split("-");
        for (int start = 0; start + pieces.size() <= parts.length; start++) {
            boolean all = true;
            for (int i = 0; i < pieces.size() && all; i++) {
                all = parts[start + i].equals(pieces.get(i));
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Query getPrefixQuery(String field, String termStr) throws ParseException {
        if (Ids.FIELDS.contains(field)) {
            return new IdQuery(field, "prefix " + termStr, id -> id.startsWith(termStr));
        }
        if (isDiscovered(field)) {
            Query term = new PrefixQuery(new Term(Schema.JSON_TERMS, Schema.jsonTerm(field, termStr)));
            // a value the message holds as written has no term of its own (Schema.scattered): check those lines
            Query inMessage = messageStartingWith(termStr);
            Query candidates = inMessage == null ? new TermQuery(new Term(Schema.JSON_IN_MESSAGE, field))
                    : FieldQueries.inMessage(field, inMessage);
            return new BooleanQuery.Builder().add(term, BooleanClause.Occur.SHOULD)
                    .add(DiscoveredValueQuery.startingWith(field, termStr, candidates), BooleanClause.Occur.SHOULD)
                    .build();
        }
        return super.getPrefixQuery(field, termStr);
    }

    @Override
    protected Query getWildcardQuery(String field, String termStr) throws ParseException {
        if (Ids.FIELDS.contains(field)) {
            CharacterRunAutomaton pattern = new CharacterRunAutomaton(WildcardQuery.toAutomaton(new Term(field, termStr)));
            return new IdQuery(field, "wildcard " + termStr, pattern::run);
        }
        return super.getWildcardQuery(field, termStr);
    }

    // A keyword of doc values only (Schema.DOC_VALUES_ONLY) has no terms: every query of it reads its doc values.

    @Override
    protected Query newTermQuery(Term term, float boost) {
        return Schema.DOC_VALUES_ONLY.contains(term.field()) ? FieldQueries.keyword(term.field(), term.text())
                : super.newTermQuery(term, boost);
    }

    @Override
    protected Query newPrefixQuery(Term prefix) {
        return Schema.DOC_VALUES_ONLY.contains(prefix.field())
                ? new PrefixQuery(prefix, FieldQueries.keywordRewrite(prefix.field())) : super.newPrefixQuery(prefix);
    }

    @Override
    protected Query newWildcardQuery(Term t) {
        return Schema.DOC_VALUES_ONLY.contains(t.field())
                ? FieldQueries.keywordWildcard(t.field(), t.text()) : super.newWildcardQuery(t);
    }

    @Override
    protected Query newRegexpQuery(Term regexp) {
        return Schema.DOC_VALUES_ONLY.contains(regexp.field())
                ? new RegexpQuery(regexp, RegExp.ALL, 0, RegexpQuery.DEFAULT_PROVIDER, getDeterminizeWorkLimit(),
                        FieldQueries.keywordRewrite(regexp.field()))
                : super.newRegexpQuery(regexp);
    }

    @Override
    protected Query newFuzzyQuery(Term term, float minimumSimilarity, int prefixLength) {
        if (!Schema.DOC_VALUES_ONLY.contains(term.field())) {
            return super.newFuzzyQuery(term, minimumSimilarity, prefixLength);
        }
        int edits = FuzzyQuery.floatToEdits(minimumSimilarity, term.text().codePointCount(0, term.text().length()));
        return new FuzzyQuery(term, edits, prefixLength, FuzzyQuery.defaultMaxExpansions, FuzzyQuery.defaultTranspositions,
                FieldQueries.keywordRewrite(term.field()));
    }

    @Override
    protected Query newRangeQuery(String field, String part1, String part2, boolean startInclusive, boolean endInclusive) {
        return Schema.DOC_VALUES_ONLY.contains(field)
                ? SortedDocValuesField.newSlowRangeQuery(field, part1 == null ? null : new BytesRef(part1),
                        part2 == null ? null : new BytesRef(part2), startInclusive, endInclusive)
                : super.newRangeQuery(field, part1, part2, startInclusive, endInclusive);
    }

    /** A discovered JSON field: its values are terms {@code name\u0000value} of one Lucene field. */
    private static boolean isDiscovered(String field) {
        return !field.equals(LogEvent.MESSAGE) && !Ids.FIELDS.contains(field) && !Schema.KEYWORDS.contains(field) && !Schema.DOUBLES.contains(field)
                && !Schema.LONGS.contains(field);
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
