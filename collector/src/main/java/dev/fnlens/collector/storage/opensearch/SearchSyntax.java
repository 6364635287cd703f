package dev.fnlens.collector.storage.opensearch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.search.InvalidQueryException;
import dev.fnlens.collector.store.Ids;
import dev.fnlens.collector.store.Schema;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.WildcardQuery;

/**
 * The search page's syntax (Lucene's classic syntax over {@code @message}, terms ANDed, a term
 * the analyzer splits is a phrase, ranges on numeric fields) as OpenSearch query DSL: parsed
 * with the same parser settings as the embedded store's, then written out clause by clause.
 */
final class SearchSyntax {
    private SearchSyntax() {
    }

    static ObjectNode parse(String text) throws InvalidQueryException {
        try {
            return dsl(new Parser().parse(text));
        } catch (ParseException e) {
            throw new InvalidQueryException(firstLine(e.getMessage()));
        } catch (IndexSearcher.TooManyClauses e) {
            throw new InvalidQueryException("query too broad: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(firstLine(String.valueOf(e.getMessage())));
        }
    }

    /** A clause already in OpenSearch's terms, carried through the Lucene parser. */
    private static final class Dsl extends Query {
        final ObjectNode json;

        Dsl(ObjectNode json) {
            this.json = json;
        }

        @Override
        public String toString(String field) {
            return json.toString();
        }

        @Override
        public void visit(QueryVisitor visitor) {
            visitor.visitLeaf(this);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Dsl d && d.json.equals(json);
        }

        @Override
        public int hashCode() {
            return json.hashCode();
        }
    }

    private static final class Parser extends QueryParser {
        Parser() {
            super(LogEvent.MESSAGE, Schema.queryAnalyzer());
            setDefaultOperator(AND_OPERATOR);
            setSplitOnWhitespace(true);
            setAutoGeneratePhraseQueries(true);
        }

        @Override
        protected Query getRangeQuery(String field, String part1, String part2, boolean startInclusive,
                                      boolean endInclusive) throws ParseException {
            if (Schema.DOUBLES.contains(field) || Schema.LONGS.contains(field)) {
                ObjectNode q = OpenSearchClient.JSON.createObjectNode();
                ObjectNode bounds = q.putObject("range").putObject(field);
                if (part1 != null) {
                    bounds.put(startInclusive ? "gte" : "gt", number(field, part1));
                }
                if (part2 != null) {
                    bounds.put(endInclusive ? "lte" : "lt", number(field, part2));
                }
                return new Dsl(q);
            }
            return super.getRangeQuery(field, part1, part2, startInclusive, endInclusive);
        }

        @Override
        protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
            if (Schema.DOUBLES.contains(field) || Schema.LONGS.contains(field)) {
                double v = number(field, queryText);
                ObjectNode q = OpenSearchClient.JSON.createObjectNode();
                q.putObject("range").putObject(field).put("gte", v).put("lte", v);
                return new Dsl(q);
            }
            if (Ids.FIELDS.contains(field)) {
                return new Dsl(OpenSearchPushdown.term(field, queryText));
            }
            if (isDiscovered(field)) {
                return new Dsl(OpenSearchPushdown.term(EventDocuments.JSON_TERMS, Schema.jsonTerm(field, queryText)));
            }
            return super.getFieldQuery(field, queryText, quoted);
        }

        @Override
        protected Query getPrefixQuery(String field, String termStr) throws ParseException {
            if (isDiscovered(field)) {
                return new PrefixQuery(new Term(EventDocuments.JSON_TERMS, Schema.jsonTerm(field, termStr)));
            }
            return super.getPrefixQuery(field, termStr);
        }

        private static boolean isDiscovered(String field) {
            return !field.equals(LogEvent.MESSAGE) && !Ids.FIELDS.contains(field)
                    && !Schema.KEYWORDS.contains(field) && !Schema.DOUBLES.contains(field)
                    && !Schema.LONGS.contains(field);
        }

        private static double number(String field, String text) throws ParseException {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new ParseException(field + " expects a number, got '" + text + "'");
            }
        }
    }

    private static ObjectNode dsl(Query query) {
        ObjectNode q = OpenSearchClient.JSON.createObjectNode();
        if (query instanceof Dsl d) {
            return d.json;
        } else if (query instanceof BoostQuery b) {
            return dsl(b.getQuery());
        } else if (query instanceof MatchAllDocsQuery) {
            q.putObject("match_all");
        } else if (query instanceof TermQuery t) {
            q.putObject("term").putObject(field(t.getTerm().field())).put("value", t.getTerm().text());
        } else if (query instanceof PhraseQuery p) {
            StringBuilder words = new StringBuilder();
            for (Term t : p.getTerms()) {
                words.append(words.isEmpty() ? "" : " ").append(t.text());
            }
            q.putObject("match_phrase").putObject(field(p.getField())).put("query", words.toString()).put("slop", p.getSlop());
        } else if (query instanceof PrefixQuery p) {
            q.putObject("prefix").putObject(field(p.getField())).put("value", p.getPrefix().text());
        } else if (query instanceof WildcardQuery w) {
            q.putObject("wildcard").putObject(field(w.getField())).put("value", w.getTerm().text());
        } else if (query instanceof RegexpQuery r) {
            q.putObject("regexp").putObject(field(r.getField())).put("value", r.getRegexp().text());
        } else if (query instanceof FuzzyQuery f) {
            q.putObject("fuzzy").putObject(field(f.getField())).put("value", f.getTerm().text())
                    .put("fuzziness", f.getMaxEdits());
        } else if (query instanceof TermRangeQuery r) {
            ObjectNode bounds = q.putObject("range").putObject(r.getField());
            if (r.getLowerTerm() != null) {
                bounds.put(r.includesLower() ? "gte" : "gt", r.getLowerTerm().utf8ToString());
            }
            if (r.getUpperTerm() != null) {
                bounds.put(r.includesUpper() ? "lte" : "lt", r.getUpperTerm().utf8ToString());
            }
        } else if (query instanceof BooleanQuery b) {
            ObjectNode bool = q.putObject("bool");
            for (BooleanClause c : b.clauses()) {
                String occur = switch (c.getOccur()) {
                    case MUST -> "must";
                    case FILTER -> "filter";
                    case SHOULD -> "should";
                    case MUST_NOT -> "must_not";
                };
                ((ArrayNode) (bool.has(occur) ? bool.get(occur) : bool.putArray(occur))).add(dsl(c.getQuery()));
            }
            if (b.getMinimumNumberShouldMatch() > 0) {
                bool.put("minimum_should_match", b.getMinimumNumberShouldMatch());
            }
        } else {
            throw new IllegalArgumentException("'" + query + "' cannot be searched on the OpenSearch store");
        }
        return q;
    }

    /** The message's words are indexed as {@code @@tokens} (see {@link EventDocuments}). */
    private static String field(String name) {
        return LogEvent.MESSAGE.equals(name) ? EventDocuments.TOKENS : name;
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
