package dev.fnlens.query.eval;

import dev.fnlens.query.ast.BinaryOp;
import dev.fnlens.query.ast.Expr;
import dev.fnlens.query.ast.UnaryOp;
import dev.fnlens.query.functions.FunctionRegistry;
import dev.fnlens.query.functions.FunctionSpec;
import dev.fnlens.query.functions.ScalarFunction;
import dev.fnlens.query.runtime.Deadline;
import dev.fnlens.query.runtime.Regexes;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns syntax trees into {@link Eval}s over slots of a {@link Scope}. Aggregate calls are not evaluated here: stats
 * computes them and stores each result under the hidden field {@link #aggregateField}; a compiler made with
 * {@code aggregatesAsFields} reads them from there (and so learns from the scope whether they are timestamps).
 */
public final class ExprCompiler {

    public static final String TIMESTAMP = "@timestamp";

    private final Scope scope;
    private final Deadline deadline;
    private final boolean aggregatesAsFields;

    public ExprCompiler(Scope scope, Deadline deadline) {
        this(scope, deadline, false);
    }

    public ExprCompiler(Scope scope, Deadline deadline, boolean aggregatesAsFields) {
        this.scope = scope;
        this.deadline = deadline;
        this.aggregatesAsFields = aggregatesAsFields;
    }

    /** The hidden field under which stats stores an aggregate's result; no query can name it. */
    public static String aggregateField(Expr.Call call) {
        return "\u0000" + call;
    }

    public Eval compile(Expr e) {
        if (e instanceof Expr.Field f) {
            int slot = scope.read(f.name());
            return row -> row.get(slot);
        }
        if (e instanceof Expr.Binary b) {
            return binary(b);
        }
        if (e instanceof Expr.Call c) {
            return call(c);
        }
        if (e instanceof Expr.Unary u) {
            Eval operand = compile(u.operand());
            return u.op() == UnaryOp.NOT ? (Predicate) row -> !operand.test(row) : Arithmetic.negate(operand);
        }
        if (e instanceof Expr.Match m) {
            Eval value = compile(m.value());
            if (m.pattern() instanceof Expr.RegexLiteral r) {
                return Comparisons.regex(value, Regexes.compile(r.pattern()).pattern(), m.negated(), deadline);
            }
            return Comparisons.contains(value, ((Expr.StringLiteral) m.pattern()).value(), m.negated());
        }
        if (e instanceof Expr.In in) {
            List<Object> candidates = new ArrayList<>();
            for (Expr c : in.candidates()) {
                candidates.add(constant(c));
            }
            return Comparisons.in(compile(in.value()), candidates, in.negated());
        }
        Object constant = constant(e);
        return row -> constant;
    }

    /** Whether the expression's value is a timestamp, so answers print it as one. */
    public boolean isTime(Expr e) {
        if (e instanceof Expr.Field f) {
            return scope.isTime(f.name());
        }
        if (e instanceof Expr.Call c) {
            FunctionSpec spec = FunctionRegistry.lookup(c.function()).orElseThrow();
            if (spec.isAggregate() && aggregatesAsFields) {
                return scope.isTime(aggregateField(c));
            }
            return spec.time() == FunctionSpec.TimeResult.YES
                    || spec.time() == FunctionSpec.TimeResult.AS_FIRST_ARG && !c.args().isEmpty() && isTime(c.args().get(0));
        }
        if (e instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)) {
            // a time plus or minus a duration is a time; the difference of two times is a duration
            return isTime(b.left()) != isTime(b.right());
        }
        return false;
    }

    private Eval binary(Expr.Binary b) {
        Eval left = compile(b.left());
        Eval right = compile(b.right());
        if (b.op() == BinaryOp.AND) {
            return (Predicate) row -> left.test(row) && right.test(row);
        }
        if (b.op() == BinaryOp.OR) {
            return (Predicate) row -> left.test(row) || right.test(row);
        }
        if (b.op().isComparison()) {
            Object constantRight = isConstant(b.right()) ? constant(b.right()) : null;
            return Comparisons.compare(b.op(), left, right, constantRight);
        }
        return Arithmetic.binary(b.op(), left, right);
    }

    private Eval call(Expr.Call c) {
        FunctionSpec spec = FunctionRegistry.lookup(c.function()).orElseThrow();
        if (spec.isAggregate()) {
            if (!aggregatesAsFields) {
                throw new IllegalStateException("aggregate outside stats: " + c);
            }
            return compile(new Expr.Field(aggregateField(c)));
        }
        List<Expr> argExprs = new ArrayList<>(c.args());
        if (spec.name().equals("bin")) {
            argExprs.add(0, new Expr.Field(TIMESTAMP)); // bin(p) = datefloor(@timestamp, p)
        }
        Eval[] args = new Eval[argExprs.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = compile(argExprs.get(i));
        }
        ScalarFunction fn = spec.impl();
        Object[] buffer = new Object[args.length]; // reused: a plan is evaluated by one thread
        if (args.length == 1) {
            Eval only = args[0];
            return row -> {
                buffer[0] = only.eval(row);
                return fn.apply(buffer);
            };
        }
        return row -> {
            for (int i = 0; i < args.length; i++) {
                buffer[i] = args[i].eval(row);
            }
            return fn.apply(buffer);
        };
    }

    private static boolean isConstant(Expr e) {
        return e instanceof Expr.StringLiteral || e instanceof Expr.NumberLiteral || e instanceof Expr.DurationLiteral;
    }

    static Object constant(Expr e) {
        if (e instanceof Expr.StringLiteral s) {
            return s.value();
        }
        if (e instanceof Expr.NumberLiteral n) {
            return n.value();
        }
        if (e instanceof Expr.DurationLiteral d) {
            return d.millis();
        }
        if (e instanceof Expr.Star) {
            return Boolean.TRUE;
        }
        throw new IllegalArgumentException("not a value: " + e);
    }
}
