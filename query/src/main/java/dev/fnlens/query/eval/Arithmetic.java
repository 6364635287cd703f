package dev.fnlens.query.eval;

import dev.fnlens.query.ast.BinaryOp;
import dev.fnlens.query.runtime.Values;

/** + - * / % ^ over numbers and numeric strings; anything else, or a division by zero, gives a missing value. */
final class Arithmetic {

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

    static Double apply(BinaryOp op, double x, double y) {
        double r = switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> y == 0 ? Double.NaN : x / y;
            case MOD -> y == 0 ? Double.NaN : x % y;
            case POW -> Math.pow(x, y);
            default -> throw new IllegalArgumentException("not arithmetic: " + op);
        };
        return Double.isNaN(r) || Double.isInfinite(r) ? null : r;
    }

    static Eval negate(Eval operand) {
        return row -> {
            Object v = operand.eval(row);
            return Values.isNumeric(v) ? (Object) (-Values.toDouble(v)) : null;
        };
    }
}
