package dev.fnlens.query.functions;

import dev.fnlens.query.runtime.Values;
import java.util.function.DoubleUnaryOperator;

/** abs ceil floor log sqrt greatest least. Non-numeric input gives a missing value, as does a NaN or infinite result. */
final class MathFunctions {

    private MathFunctions() {
    }

    static Object abs(Object[] a) {
        return unary(a[0], Math::abs);
    }

    static Object ceil(Object[] a) {
        return unary(a[0], Math::ceil);
    }

    static Object floor(Object[] a) {
        return unary(a[0], Math::floor);
    }

    static Object log(Object[] a) {
        return unary(a[0], Math::log);
    }

    static Object sqrt(Object[] a) {
        return unary(a[0], Math::sqrt);
    }

    static Object greatest(Object[] a) {
        return extreme(a, 1);
    }

    static Object least(Object[] a) {
        return extreme(a, -1);
    }

    /** Missing values are skipped; numbers compare as numbers, text as text (numbers before text). */
    private static Object extreme(Object[] a, int sign) {
        Object best = null;
        for (Object v : a) {
            if (v != null && (best == null || sign * Values.sortCompare(v, best) > 0)) {
                best = v;
            }
        }
        return best;
    }

    private static Object unary(Object v, DoubleUnaryOperator op) {
        if (!Values.isNumeric(v)) {
            return null;
        }
        return finite(op.applyAsDouble(Values.toDouble(v)));
    }

    static Double finite(double d) {
        return Double.isNaN(d) || Double.isInfinite(d) ? null : d;
    }
}
