package dev.fnlens.query.functions;

import dev.fnlens.query.runtime.Values;
import java.util.Locale;

/**
 * The string functions. A missing first argument gives a missing result, except where the function exists to test
 * for missing values (isempty, isblank, coalesce) or joins values (concat skips missing ones).
 */
final class StringFunctions {

    private StringFunctions() {
    }

    static Object coalesce(Object[] a) {
        for (Object v : a) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    static Object isEmpty(Object[] a) {
        return a[0] == null || Values.asString(a[0]).isEmpty();
    }

    static Object isBlank(Object[] a) {
        return a[0] == null || Values.asString(a[0]).isBlank();
    }

    static Object concat(Object[] a) {
        StringBuilder sb = new StringBuilder();
        for (Object v : a) {
            if (v != null) {
                sb.append(Values.asString(v));
            }
        }
        return sb.toString();
    }

    static Object ltrim(Object[] a) {
        return trim(a, true, false);
    }

    static Object rtrim(Object[] a) {
        return trim(a, false, true);
    }

    static Object trim(Object[] a) {
        return trim(a, true, true);
    }

    /** Without a second argument trims whitespace; with one, trims any of the characters it contains. */
    private static Object trim(Object[] a, boolean left, boolean right) {
        if (a[0] == null) {
            return null;
        }
        String s = Values.asString(a[0]);
        String chars = a.length > 1 ? Values.asString(a[1]) : null;
        int start = 0;
        int end = s.length();
        while (left && start < end && trims(s.charAt(start), chars)) {
            start++;
        }
        while (right && end > start && trims(s.charAt(end - 1), chars)) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean trims(char c, String chars) {
        return chars == null ? Character.isWhitespace(c) : chars.indexOf(c) >= 0;
    }

    static Object strlen(Object[] a) {
        return a[0] == null ? null : (Object) (long) Values.asString(a[0]).length();
    }

    static Object toUpper(Object[] a) {
        return a[0] == null ? null : Values.asString(a[0]).toUpperCase(Locale.ROOT);
    }

    static Object toLower(Object[] a) {
        return a[0] == null ? null : Values.asString(a[0]).toLowerCase(Locale.ROOT);
    }

    /** substr(s, start[, length]): start counts from 0; out-of-range bounds are clamped. */
    static Object substr(Object[] a) {
        if (a[0] == null || !Values.isNumeric(a[1]) || (a.length > 2 && !Values.isNumeric(a[2]))) {
            return null;
        }
        String s = Values.asString(a[0]);
        int start = (int) Math.max(0, Math.min(s.length(), Values.toDouble(a[1])));
        int end = s.length();
        if (a.length > 2) {
            end = (int) Math.max(start, Math.min(s.length(), start + Values.toDouble(a[2])));
        }
        return s.substring(start, end);
    }

    /** replace(s, search, replacement): every occurrence, literally (no regex). */
    static Object replace(Object[] a) {
        if (a[0] == null || a[1] == null) {
            return a[0] == null ? null : Values.asString(a[0]);
        }
        String search = Values.asString(a[1]);
        String s = Values.asString(a[0]);
        return search.isEmpty() ? s : s.replace(search, a[2] == null ? "" : Values.asString(a[2]));
    }

    /** 1 when the string contains the substring, else 0, so that sum(strcontains(...)) counts. */
    static Object strcontains(Object[] a) {
        if (a[0] == null || a[1] == null) {
            return null;
        }
        return Values.asString(a[0]).contains(Values.asString(a[1])) ? 1L : 0L;
    }
}
