package dev.fnlens.query.functions;

import dev.fnlens.query.runtime.Values;

/** Timestamps are epoch milliseconds (UTC); periods are milliseconds. Rounding is relative to the epoch. */
final class TimeFunctions {

    private TimeFunctions() {
    }

    static Object datefloor(Object[] a) {
        if (!Values.isNumeric(a[0]) || !Values.isNumeric(a[1])) {
            return null;
        }
        long t = (long) Math.floor(Values.toDouble(a[0]));
        long p = (long) Values.toDouble(a[1]);
        return p <= 0 ? t : Math.floorDiv(t, p) * p;
    }

    static Object dateceil(Object[] a) {
        if (!Values.isNumeric(a[0]) || !Values.isNumeric(a[1])) {
            return null;
        }
        long t = (long) Math.ceil(Values.toDouble(a[0]));
        long p = (long) Values.toDouble(a[1]);
        return p <= 0 ? t : -Math.floorDiv(-t, p) * p;
    }

    /** Marks a number of milliseconds as a timestamp (the result type says so); the value itself is unchanged. */
    static Object fromMillis(Object[] a) {
        return Values.isNumeric(a[0]) ? (Object) (long) Math.floor(Values.toDouble(a[0])) : null;
    }

    static Object toMillis(Object[] a) {
        return Values.isNumeric(a[0]) ? (Object) (long) Math.floor(Values.toDouble(a[0])) : null;
    }
}
