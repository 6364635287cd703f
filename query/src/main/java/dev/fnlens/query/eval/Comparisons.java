package dev.fnlens.query.eval;

import dev.fnlens.query.ast.BinaryOp;
import dev.fnlens.query.runtime.Deadline;
import dev.fnlens.query.runtime.InterruptibleCharSequence;
import dev.fnlens.query.runtime.Regexes;
import dev.fnlens.query.runtime.Values;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiled comparisons, like/=~, in. A comparison with a missing value is false, whatever the operator, and so are
 * its negated forms ({@code !=}, {@code not like}, {@code not in}); only {@code not (...)} turns a false into true.
 */
final class Comparisons {

    private Comparisons() {
    }

    static Predicate compare(BinaryOp op, Eval left, Eval right, Object constantRight) {
        if (constantRight instanceof String lit && !Values.looksNumeric(lit) && (op == BinaryOp.EQ || op == BinaryOp.NE)) {
            // the common filter (@type = "REPORT"): a plain string comparison, no number parsing
            boolean eq = op == BinaryOp.EQ;
            return row -> {
                Object v = left.eval(row);
                if (v == null) {
                    return false;
                }
                boolean same = v instanceof String s ? s.equals(lit) : Values.equal(v, lit);
                return same == eq;
            };
        }
        return switch (op) {
            case EQ -> row -> Values.equal(left.eval(row), right.eval(row));
            case NE -> row -> {
                Object a = left.eval(row);
                Object b = right.eval(row);
                return a != null && b != null && !Values.equal(a, b);
            };
            case LT -> row -> ordered(Values.compare(left.eval(row), right.eval(row)), c -> c < 0);
            case LE -> row -> ordered(Values.compare(left.eval(row), right.eval(row)), c -> c <= 0);
            case GT -> row -> ordered(Values.compare(left.eval(row), right.eval(row)), c -> c > 0);
            case GE -> row -> ordered(Values.compare(left.eval(row), right.eval(row)), c -> c >= 0);
            default -> throw new IllegalArgumentException("not a comparison: " + op);
        };
    }

    private static boolean ordered(int c, java.util.function.IntPredicate holds) {
        return c != Values.INCOMPARABLE && holds.test(c);
    }

    static Predicate contains(Eval value, String substring, boolean negated) {
        return row -> {
            Object v = value.eval(row);
            return v != null && Values.asString(v).contains(substring) != negated;
        };
    }

    /**
     * Regex found anywhere in the value. One matcher per compiled expression, reset per value (a plan runs on one
     * thread); the input is wrapped so that a runaway pattern still stops at the deadline.
     */
    static Predicate regex(Eval value, Pattern pattern, boolean negated, Deadline deadline) {
        InterruptibleCharSequence text = new InterruptibleCharSequence(deadline);
        Matcher matcher = pattern.matcher("");
        return row -> {
            Object v = value.eval(row);
            if (v == null) {
                return false;
            }
            boolean found = Regexes.find(matcher, text.reset(Values.asString(v)));
            matcher.reset("");
            text.reset("");
            return found != negated;
        };
    }

    static Predicate in(Eval value, List<Object> candidates, boolean negated) {
        Object[] options = candidates.toArray();
        return row -> {
            Object v = value.eval(row);
            if (v == null) {
                return false;
            }
            for (Object o : options) {
                if (Values.equal(v, o)) {
                    return !negated;
                }
            }
            return negated;
        };
    }
}
