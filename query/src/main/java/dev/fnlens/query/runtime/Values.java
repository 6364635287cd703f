package dev.fnlens.query.runtime;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The value semantics of the language. Values are {@code null} (missing), {@link String}, {@link Number} or
 * {@link Boolean}. Numeric strings ({@code "200"}, {@code "1.5e3"}) act as numbers wherever a number is expected or
 * compared with a number, because fields parsed out of messages are text. No method allocates on the hot path
 * unless a string has to be turned into a number.
 */
public final class Values {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private Values() {
    }

    /** Normalises what a store hands over: other numbers become Long/Double, instants become epoch millis. */
    public static Object normalize(Object v) {
        if (v == null || v instanceof String || v instanceof Double || v instanceof Long || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Instant i) {
            return i.toEpochMilli();
        }
        if (v instanceof CharSequence cs) {
            return cs.toString();
        }
        return v.toString();
    }

    public static boolean isNumeric(Object v) {
        return v instanceof Number || v instanceof Boolean || (v instanceof String s && looksNumeric(s));
    }

    /** The number a value stands for; call only when {@link #isNumeric} holds. */
    public static double toDouble(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return Double.parseDouble((String) v);
    }

    /** Decimal numbers as written in logs: optional sign, digits with an optional fraction, optional exponent. */
    public static boolean looksNumeric(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                i++;
            }
            int exp = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exp++;
            }
            if (exp == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    public static String asString(Object v) {
        if (v == null || v instanceof String) {
            return (String) v;
        }
        if (v instanceof Double d) {
            return formatNumber(d);
        }
        return v.toString();
    }

    /**
     * {@code =}: false when either side is missing. Two strings are equal only as written ("007" is not "7"); when
     * one side is a number, a numeric string on the other side compares by value ("200" = 200).
     */
    public static boolean equal(Object a, Object b) {
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof String sa && b instanceof String sb) {
            return sa.equals(sb);
        }
        if (isNumeric(a) && isNumeric(b)) {
            return toDouble(a) == toDouble(b);
        }
        return asString(a).equals(asString(b));
    }

    /**
     * Order for {@code < <= > >=}: numeric when both are numeric, lexicographic when both are text, otherwise
     * {@link #INCOMPARABLE} (a number and a non-numeric string, or a missing value), which makes the comparison false.
     */
    public static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return INCOMPARABLE;
        }
        boolean na = isNumeric(a);
        boolean nb = isNumeric(b);
        if (na && nb) {
            return Double.compare(toDouble(a), toDouble(b));
        }
        if (!na && !nb) {
            return Integer.signum(asString(a).compareTo(asString(b)));
        }
        return INCOMPARABLE;
    }

    public static final int INCOMPARABLE = Integer.MIN_VALUE;

    /**
     * The order of sort, dedup-after-sort, sortsFirst and sortsLast, as CloudWatch documents it: all non-numbers come
     * before all numbers; numbers (and numeric strings) compare by value; other text compares in natural order
     * ({@link #naturalCompare}).
     */
    public static int sortCompare(Object a, Object b) {
        boolean na = isNumeric(a);
        boolean nb = isNumeric(b);
        if (na && nb) {
            return Double.compare(toDouble(a), toDouble(b));
        }
        if (na != nb) {
            return na ? 1 : -1;
        }
        return naturalCompare(asString(a), asString(b));
    }

    /**
     * Natural order: the text is cut into runs of digits and runs of other characters; runs are compared in turn,
     * two digit runs by length and then by value ("5A" before "111A"), anything else by Unicode ("2345_" before "@").
     */
    static int naturalCompare(String x, String y) {
        int i = 0;
        int j = 0;
        while (i < x.length() && j < y.length()) {
            int iEnd = runEnd(x, i);
            int jEnd = runEnd(y, j);
            boolean digitsX = isDigit(x.charAt(i));
            boolean digitsY = isDigit(y.charAt(j));
            int c;
            if (digitsX && digitsY && iEnd - i != jEnd - j) {
                c = Integer.compare(iEnd - i, jEnd - j);
            } else {
                c = x.substring(i, iEnd).compareTo(y.substring(j, jEnd));
            }
            if (c != 0) {
                return c;
            }
            i = iEnd;
            j = jEnd;
        }
        return Integer.compare(x.length() - i, y.length() - j);
    }

    private static int runEnd(String s, int from) {
        boolean digits = isDigit(s.charAt(from));
        int end = from + 1;
        while (end < s.length() && isDigit(s.charAt(end)) == digits) {
            end++;
        }
        return end;
    }

    /** What filter keeps: true, a non-zero number, a non-empty string. */
    public static boolean truthy(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return d != 0 && !Double.isNaN(d);
        }
        return v instanceof String s && !s.isEmpty();
    }

    /** The identity of a value for grouping, dedup and count_distinct: 1, 1L and 1.0 are the same key. */
    public static Object key(Object v) {
        if (v instanceof Double d && d != 0) {
            return d;
        }
        if (v instanceof Number || v instanceof Boolean) {
            double d = toDouble(v);
            return d == 0 ? 0.0 : d;
        }
        return v;
    }

    /** The answer text of a value: integral numbers without ".0", others in plain notation, times as UTC stamps. */
    public static String format(Object v, boolean time) {
        if (v == null) {
            return null;
        }
        if (time && isNumeric(v)) {
            return formatTimestamp((long) Math.floor(toDouble(v)));
        }
        if (v instanceof Double d) {
            return formatNumber(d);
        }
        return v.toString();
    }

    public static String formatTimestamp(long epochMillis) {
        return TIMESTAMP.format(Instant.ofEpochMilli(epochMillis));
    }

    public static String formatNumber(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.toString(d);
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e18) {
            return Long.toString((long) d);
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
