package dev.fnlens.collector.query;

import dev.fnlens.collector.query.Pushdown.Translated;
import dev.fnlens.collector.store.MessageContains;
import dev.fnlens.query.ast.Expr;
import java.util.List;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;

/**
 * {@code @message like} as a Lucene query: a text, or a regex that is plain text, exactly ({@link MessageContains});
 * a regex of several branches ({@code /ERROR|WARN/}, {@code /(?i)(exception|error)/}) as the union of its branches
 * ({@link RegexLiterals#alternatives}); any other regex as the messages that have the texts it requires
 * ({@link RegexLiterals#required}), which the engine then checks.
 */
final class MessagePushdown {
    /** More branches than this in a regex are not worth a query each. */
    private static final int MAX_BRANCHES = 64;

    private MessagePushdown() {
    }

    /** The translation of {@code @message like pattern} (or {@code not like}); negated only when exact. */
    static Translated match(Expr pattern, boolean negated) {
        Translated positive;
        if (pattern instanceof Expr.StringLiteral s) {
            positive = Translated.exactly(contains(s.value()));
        } else {
            String regex = ((Expr.RegexLiteral) pattern).pattern();
            List<String> branches = RegexLiterals.alternatives(regex);
            positive = branches.size() > 1 ? anyBranch(branches) : branch(regex);
        }
        if (positive == null || !negated) {
            return positive;
        }
        return positive.exact() ? new Translated(Pushdown.not(positive.query()), true) : null;
    }

    /**
     * At least the messages that hold the key of the discovered field {@code name} as JSON writes it, {@code "id"} for
     * {@code a.items.0.id} (its last part that is no array index); null when the key has no word to look for.
     */
    static Query jsonKey(String name) {
        String[] path = name.split("\\.");
        String key = path.length == 0 ? name : path[path.length - 1];
        for (int i = path.length - 1; i >= 0; i--) {
            if (!path[i].isEmpty() && !path[i].chars().allMatch(Character::isDigit)) {
                key = path[i];
                break;
            }
        }
        return MessageMatch.containing('"' + key + '"');
    }

    /** One branch of a regex: exact when it is plain text, else loose; null when it requires no text. */
    private static Translated branch(String regex) {
        String text = RegexLiterals.plainText(regex);
        return text != null ? Translated.exactly(contains(text)) : Translated.loose(allOf(RegexLiterals.required(regex)));
    }

    /** Messages matching one of the branches; exact when each branch is; null when one requires no text. */
    private static Translated anyBranch(List<String> branches) {
        if (branches.size() > MAX_BRANCHES) {
            return null;
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        boolean exact = true;
        for (String branch : branches) {
            Translated one = branch(branch);
            if (one == null) {
                return null;
            }
            exact &= one.exact();
            any.add(one.query(), BooleanClause.Occur.SHOULD);
        }
        return new Translated(any.build(), exact);
    }

    /** Exactly the messages that contain {@code text}; null when no term of it is certain. */
    private static Query contains(String text) {
        Query candidates = MessageMatch.containing(text);
        return candidates == null ? null : new MessageContains(text, candidates);
    }

    /** Messages that may contain every one of the texts; null when none of them narrows. */
    static Query allOf(List<String> texts) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        int clauses = 0;
        for (String text : texts) {
            Query q = MessageMatch.containing(text);
            if (q != null) {
                all.add(q, BooleanClause.Occur.FILTER);
                clauses++;
            }
        }
        return clauses == 0 ? null : all.build();
    }
}
