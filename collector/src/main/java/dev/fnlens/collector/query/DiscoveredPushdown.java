package dev.fnlens.collector.query;

import dev.fnlens.collector.store.DiscoveredTermsQuery;
import dev.fnlens.collector.store.FieldQueries;
import dev.fnlens.collector.store.Schema;
import dev.fnlens.query.ast.BinaryOp;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Conditions on a discovered JSON field as Lucene queries, all loose (the engine checks each candidate): its values
 * are {@link Schema#JSON_TERMS} terms, but a term does not say whether it was a string's or a number's, and some
 * values have no term at all (see {@link FieldQueries#discoveredWithoutTerm}).
 */
final class DiscoveredPushdown {
    private DiscoveredPushdown() {
    }

    /**
     * Events whose field may have one of these values: their terms, and for a {@link Schema#scattered} value, the
     * events that have the field only in the message's terms and whose message contains it.
     */
    static Query oneOf(String name, List<String> values) {
        BooleanQuery.Builder either = new BooleanQuery.Builder()
                .add(new TermInSetQuery(Schema.JSON_TERMS, values.stream().map(v -> new BytesRef(Schema.jsonTerm(name, v))).toList()),
                        BooleanClause.Occur.SHOULD);
        for (String value : values) {
            Query inMessage = Schema.scattered(value) ? MessageMatch.containing(value) : null;
            if (inMessage != null) {
                either.add(FieldQueries.inMessage(name, inMessage), BooleanClause.Occur.SHOULD);
            }
        }
        return either.build();
    }

    /**
     * Events whose field may contain each of {@code parts} (a {@code like}'s text, a regex's required literals): the
     * terms that do, or that could be a number's or a boolean's (the engine matches those as it writes them), and the
     * values without a term whose message has the parts where it can tell.
     */
    static Query containing(String name, List<String> parts) {
        Query terms = new DiscoveredTermsQuery(name, "contains " + parts,
                v -> !Schema.onlyAString(v) || parts.stream().allMatch(v::contains));
        Query inMessage = MessagePushdown.allOf(parts);
        // a value without a term is in the message as JSON writes it: the parts too, unless JSON escapes them
        Query written = parts.stream().allMatch(DiscoveredPushdown::writtenAsIs) ? inMessage : null;
        Query tooLong = FieldQueries.discoveredLong(name, MessagePushdown.jsonKey(name));
        return new BooleanQuery.Builder()
                .add(terms, BooleanClause.Occur.SHOULD)
                .add(inMessage == null ? new TermQuery(new Term(Schema.JSON_IN_MESSAGE, name))
                        : FieldQueries.inMessage(name, inMessage), BooleanClause.Occur.SHOULD)
                .add(written == null ? tooLong : new BooleanQuery.Builder().add(tooLong, BooleanClause.Occur.FILTER)
                        .add(written, BooleanClause.Occur.FILTER).build(), BooleanClause.Occur.SHOULD)
                .build();
    }

    /**
     * Events whose field may compare so with the number {@code v} (or a numeric string): the terms that do as numbers
     * (a number's, a boolean's as 1 or 0, a numeric string's), and the values without a term; null for {@code !=},
     * which a value of any other text passes.
     */
    static Query compared(String name, BinaryOp op, double v) {
        IntPredicate order = switch (op) {
            case LT -> c -> c < 0;
            case LE -> c -> c <= 0;
            case GT -> c -> c > 0;
            case GE -> c -> c >= 0;
            default -> null;
        };
        if (op != BinaryOp.EQ && order == null) {
            return null;
        }
        Predicate<String> test = t -> {
            Double d = Schema.numberOf(t);
            return d != null && (op == BinaryOp.EQ ? d == v : order.test(Double.compare(d, v)));
        };
        return new BooleanQuery.Builder()
                .add(new DiscoveredTermsQuery(name, op + " " + v, test), BooleanClause.Occur.SHOULD)
                .add(FieldQueries.discoveredWithoutTerm(name, MessagePushdown.jsonKey(name)), BooleanClause.Occur.SHOULD)
                .build();
    }

    /** Whether text is written the same inside a JSON string (no character JSON may escape). */
    private static boolean writtenAsIs(String text) {
        return text.chars().allMatch(c -> c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '/');
    }
}
