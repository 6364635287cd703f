package dev.fnlens.query.pattern;

/**
 * The quoted alternatives of {@link MessageShapes}' regex for one message, by hand, in one pass over it:
 * {@code "(?:[^"\\]|\\.)*+"} (a JSON key when {@code \s*:} follows) and {@code (?<!\w)'(?:[^'\\\n]|\\.)*+'(?!\w)}.
 *
 * <p>It remembers where a scan for a closing quote failed. A later quote of the same kind before that point fails
 * too: the failed scan passed over it only as an escaped character (reading it would have closed), so the later
 * scan's first step lands where the failed one went on, and from there follows it. The regex scans to the end again
 * from each such quote: a message of quotes that never close ({@code \"\"\"...}) took it 15 s for 500 KB.
 */
final class QuotedText {
    private final String m;
    /** A {@code "}, or {@code '}, before this position does not close. */
    private int doubleFailsBefore;
    private int singleFailsBefore;

    QuotedText(String m) {
        this.m = m;
    }

    /**
     * Where the quoted alternative starting at {@code s} (a {@code "} or a {@code '}) ends, or -1. A double-quoted
     * string followed by {@code \s*:} is a JSON key, and its match takes the colon in: it ends with {@code ':'}
     * ({@link #isKey}), a string with its quote.
     */
    int match(int s) {
        if (m.charAt(s) == '\'') {
            return matchSingleQuoted(s);
        }
        int end = matchQuoted(s);
        int colon = end < 0 ? -1 : matchKeyColon(end);
        return colon >= 0 ? colon : end;
    }

    /** Whether the match {@link #match} found, ending at {@code end}, is a JSON key (kept as it is). */
    boolean isKey(int end) {
        return m.charAt(end - 1) == ':';
    }

    /** Where {@code "(?:[^"\\]|\\.)*+"} at {@code s} ends, or -1. */
    private int matchQuoted(int s) {
        if (s < doubleFailsBefore) {
            return -1;
        }
        int close = closingQuote(s, '"', false);
        if (close < 0) {
            doubleFailsBefore = -close - 1;
            return -1;
        }
        return close + 1;
    }

    /** Where {@code (?<!\w)'(?:[^'\\\n]|\\.)*+'(?!\w)} at {@code s} ends, or -1. */
    private int matchSingleQuoted(int s) {
        if (s > 0 && AsciiShapes.isWord(m.charAt(s - 1)) || s < singleFailsBefore) {
            return -1;
        }
        int close = closingQuote(s, '\'', true);
        if (close < 0) {
            singleFailsBefore = -close - 1;
            return -1;
        }
        return close + 1 < m.length() && AsciiShapes.isWord(m.charAt(close + 1)) ? -1 : close + 1;
    }

    /** Where {@code \s*:} at {@code i} (after a quoted string, which makes it a JSON key) ends, or -1. */
    private int matchKeyColon(int i) {
        while (i < m.length() && AsciiShapes.isSpace(m.charAt(i))) {
            i++;
        }
        return i < m.length() && m.charAt(i) == ':' ? i + 1 : -1;
    }

    /**
     * Where the text quoted at {@code s} closes: the next {@code quote}, a backslash escaping any character but a line
     * terminator. When it does not — a backslash meets a line terminator, the text ends first, or
     * ({@code newlineEnds}) a newline comes first — {@code -1 - where the scan stopped}.
     */
    private int closingQuote(int s, char quote, boolean newlineEnds) {
        int i = s + 1;
        while (i < m.length()) {
            char ch = m.charAt(i);
            if (ch == quote) {
                return i;
            }
            if (newlineEnds && ch == '\n') {
                break;
            }
            if (ch == '\\') {
                if (i + 1 >= m.length() || isLineTerminator(m.charAt(i + 1))) {
                    break;
                }
                i += 2;
            } else {
                i++;
            }
        }
        return -1 - i;
    }

    /** What the regex's {@code .} does not match. */
    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }
}
