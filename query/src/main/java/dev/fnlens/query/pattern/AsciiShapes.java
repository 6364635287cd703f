package dev.fnlens.query.pattern;

/**
 * {@link MessageShapes}' regex, written out by hand for ASCII text: the same variable tokens, found at the same places
 * ({@code Matcher.find} order: the leftmost start, and there the first alternative that matches), about ten times
 * faster. ASCII only because there {@code \w}, {@code \b}, {@code \s} and {@code .} mean one thing on every JDK; other
 * text goes to the regex, which stays the definition ({@code AsciiShapesTest} runs both over random text).
 * Each {@code match...} method returns where the alternative's match starting at {@code s} ends, or -1.
 */
final class AsciiShapes {

    private AsciiShapes() {
    }

    static boolean applies(String message) {
        for (int i = 0; i < message.length(); i++) {
            if (message.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The shape of an ASCII message ({@link #applies}), or the message itself when nothing in it varies. */
    static String shape(String m) {
        StringBuilder out = null;
        QuotedText quotes = null;
        int last = 0;
        int s = 0;
        while (s < m.length()) {
            int end = -1;
            boolean key = false;
            char c = m.charAt(s);
            if (c == '"' || c == '\'') {
                if (quotes == null) {
                    quotes = new QuotedText(m);
                }
                end = quotes.match(s);
                key = end >= 0 && quotes.isKey(end);
            } else {
                end = matchUnquoted(m, s, c);
            }
            if (end < 0) {
                // within a run of word characters nothing starts: each alternative needs a non-word character before
                s = isWord(c) ? wordRunEnd(m, s + 1) : s + 1;
                continue;
            }
            out = MessageShapes.appendPart(out, m, last, s, end, key);
            last = end;
            s = end;
        }
        return out == null ? m : out.append(m, last, m.length()).toString();
    }

    /** The alternatives that start with a word character, a '-' or a ':', in the regex's order. */
    private static int matchUnquoted(String m, int s, char c) {
        char before = s > 0 ? m.charAt(s - 1) : ' ';
        int end = -1;
        if (!isWord(before)) {
            if (isHex(c)) {
                end = matchUuid(m, s);
            }
            if (end < 0 && isDigit(c)) {
                end = matchTimestamp(m, s);
                end = end < 0 ? matchIpv4(m, s) : end;
            }
            if (end < 0 && before != ':' && (isHex(c) || c == ':')) {
                end = matchIpv6(m, s);
            }
            if (end < 0 && c == '0') {
                end = matchHexNumber(m, s);
            }
        }
        if (end < 0 && !isWordDotDash(before) && (isWord(c) || c == '-')) {
            end = matchWordWithDigit(m, s);
            end = end < 0 ? matchHexLetters(m, s) : end;
        }
        return end;
    }

    private static final int[] UUID_GROUPS = {8, 4, 4, 4, 12};

    /** {@code \b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b}. */
    private static int matchUuid(String m, int s) {
        int i = s;
        for (int g = 0; g < UUID_GROUPS.length; g++) {
            if (g > 0) {
                if (!at(m, i, '-')) {
                    return -1;
                }
                i++;
            }
            for (int k = 0; k < UUID_GROUPS[g]; k++, i++) {
                if (i >= m.length() || !isHex(m.charAt(i))) {
                    return -1;
                }
            }
        }
        return endsWord(m, i) ? i : -1;
    }

    /** {@code \b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?}. */
    private static int matchTimestamp(String m, int s) {
        int i = digits(m, s, 4);
        i = i < 0 || !at(m, i, '-') ? -1 : digits(m, i + 1, 2);
        i = i < 0 || !at(m, i, '-') ? -1 : digits(m, i + 1, 2);
        i = i < 0 || !(at(m, i, 'T') || at(m, i, ' ')) ? -1 : digits(m, i + 1, 2);
        i = i < 0 || !at(m, i, ':') ? -1 : digits(m, i + 1, 2);
        i = i < 0 || !at(m, i, ':') ? -1 : digits(m, i + 1, 2);
        if (i < 0) {
            return -1;
        }
        if ((at(m, i, '.') || at(m, i, ',')) && i + 1 < m.length() && isDigit(m.charAt(i + 1))) {
            i = digitRunEnd(m, i + 1);
        }
        if (at(m, i, 'Z')) {
            return i + 1;
        }
        if ((at(m, i, '+') || at(m, i, '-')) && digits(m, i + 1, 2) > 0) {
            int withColon = at(m, i + 3, ':') ? digits(m, i + 4, 2) : -1;
            if (withColon > 0) {
                return withColon;
            }
            int without = digits(m, i + 3, 2);
            if (without > 0) {
                return without;
            }
        }
        return i;
    }

    /**
     * {@code \b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b}: each number is its whole run of digits (a longer run leaves
     * no way to reach the next dot or a word boundary); the port only when its digits end the word.
     */
    private static int matchIpv4(String m, int s) {
        int i = s;
        for (int octet = 0; octet < 4; octet++) {
            if (octet > 0) {
                if (!at(m, i, '.')) {
                    return -1;
                }
                i++;
            }
            int end = digitRunEnd(m, i);
            if (end == i || end - i > 3) {
                return -1;
            }
            i = end;
        }
        if (at(m, i, ':')) {
            int end = digitRunEnd(m, i + 1);
            if (end > i + 1 && end - i - 1 <= 5 && endsWord(m, end)) {
                return end;
            }
            return i;
        }
        return endsWord(m, i) ? i : -1;
    }

    /**
     * {@code (?<![\w:])(?=[0-9a-fA-F:]*\d)(?=[0-9a-fA-F]*:[0-9a-fA-F]*:)[0-9a-fA-F]{0,4}(?::[0-9a-fA-F]{0,4}){2,7}(?![\w:])}
     * (the look-behind checked by the caller): the whole run of hex digits and colons, with a digit, 2 to 7 colons,
     * at most 4 hex digits between them, and no word character after it.
     */
    private static int matchIpv6(String m, int s) {
        int colons = 0;
        int group = 0;
        boolean digit = false;
        int i = s;
        for (; i < m.length(); i++) {
            char ch = m.charAt(i);
            if (ch == ':') {
                colons++;
                group = 0;
            } else if (isHex(ch)) {
                digit |= isDigit(ch);
                if (++group > 4) {
                    return -1;
                }
            } else {
                break;
            }
        }
        return digit && colons >= 2 && colons <= 7 && endsWord(m, i) ? i : -1;
    }

    /** {@code \b0[xX][0-9a-fA-F]+\b}. */
    private static int matchHexNumber(String m, int s) {
        if (!(at(m, s + 1, 'x') || at(m, s + 1, 'X'))) {
            return -1;
        }
        int i = s + 2;
        while (i < m.length() && isHex(m.charAt(i))) {
            i++;
        }
        return i > s + 2 && endsWord(m, i) ? i : -1;
    }

    /**
     * {@code (?<![\w.-])(?=[\w.-]*\d)[\w-]++(?:\.[\w-]++)*+} (the look-behind checked by the caller): the digit may lie
     * anywhere in the run of word characters, dots and dashes, even past where the match stops ("a..1" matches "a").
     */
    private static int matchWordWithDigit(String m, int s) {
        int i = s;
        boolean digit = false;
        while (i < m.length() && isWordDotDash(m.charAt(i)) && !digit) {
            digit = isDigit(m.charAt(i++));
        }
        if (!digit) {
            return -1;
        }
        i = wordDashRunEnd(m, s);
        while (at(m, i, '.') && i + 1 < m.length() && isWordDash(m.charAt(i + 1))) {
            i = wordDashRunEnd(m, i + 1);
        }
        return i;
    }

    /** {@code (?<![\w.-])[a-fA-F]{8,}+(?![\w.-])} (the look-behind checked by the caller). */
    private static int matchHexLetters(String m, int s) {
        int i = s;
        while (i < m.length() && isHex(m.charAt(i)) && !isDigit(m.charAt(i))) {
            i++;
        }
        return i - s >= 8 && !(i < m.length() && isWordDotDash(m.charAt(i))) ? i : -1;
    }

    /** The end of exactly {@code count} digits from {@code i}, or -1. */
    private static int digits(String m, int i, int count) {
        for (int k = 0; k < count; k++, i++) {
            if (i >= m.length() || !isDigit(m.charAt(i))) {
                return -1;
            }
        }
        return i;
    }

    private static int digitRunEnd(String m, int i) {
        while (i < m.length() && isDigit(m.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int wordRunEnd(String m, int i) {
        while (i < m.length() && isWord(m.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int wordDashRunEnd(String m, int i) {
        while (i < m.length() && isWordDash(m.charAt(i))) {
            i++;
        }
        return i;
    }

    /** {@code \b} after a word character: the text ends or a non-word character follows. */
    private static boolean endsWord(String m, int i) {
        return i >= m.length() || !isWord(m.charAt(i));
    }

    private static boolean at(String m, int i, char c) {
        return i < m.length() && m.charAt(i) == c;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static boolean isWord(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isWordDash(char c) {
        return isWord(c) || c == '-';
    }

    private static boolean isWordDotDash(char c) {
        return isWordDash(c) || c == '.';
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

}
