package dev.fnlens.query.eval;

import dev.fnlens.query.ast.BinaryOp;
import dev.fnlens.query.runtime.Values;

/** + - * / % ^ over numbers and numeric strings; anything else, or a division by zero, gives a missing value. */
public final class Arithmetic {

    private Arithmetic() {
    }

    static Eval binary(BinaryOp op, Eval left, Eval right) {
        return row -> {
            Object a = left.eval(row);
            if (!Values.isNumeric(a)) {
                return null;
            }
            Object b = right.eval(row);
            if (!Values.isNumeric(b)) {
                return null;
            }
            return apply(op, Values.toDouble(a), Values.toDouble(b));
        };
    }

    /** The result of an arithmetic operator on two numbers; null when it is not a finite number. */
    public static Double apply(BinaryOp op, double x, double y) {
        double r = unchecked(op, x, y);
        return Double.isNaN(r) || Double.isInfinite(r) ? null : r;
    }

    /** The same without boxing: NaN or an infinity where {@link #apply} gives null. */
    public static double unchecked(BinaryOp op, double x, double y) {
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> y == 0 ? Double.NaN : x / y;
            case MOD -> y == 0 ? Double.NaN : x % y;
            case POW -> Math.pow(x, y);
            default -> throw new IllegalArgumentException("not arithmetic: " + op);
        };
    }

    static Eval negate(Eval operand) {
        return row -> {
            Object v = operand.eval(row);
            return Values.isNumeric(v) ? (Object) (-Values.toDouble(v)) : null;
        };
    }
}
