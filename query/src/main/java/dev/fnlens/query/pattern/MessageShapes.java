package dev.fnlens.query.pattern;

import dev.fnlens.query.runtime.Deadline;
import dev.fnlens.query.runtime.InterruptibleCharSequence;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of a log message for {@code pattern}: the parts that vary between otherwise identical messages are
 * replaced by {@code <*>}. Variable: quoted strings (but not JSON keys), UUIDs, ISO-8601 timestamps, IPv4 (with port) and
 * IPv6 addresses, hex numbers, any word that contains a digit (numbers, request ids, "v2", "500ms"), and a word of eight
 * or more letters a-f alone (a hex id without a digit). Everything else, whitespace and punctuation included, is kept,
 * so "Duration: 12.5 ms" and "Duration: 7 ms" share a shape.
 * ASCII messages, nearly all of them, are shaped by {@link AsciiShapes}, which finds the same tokens by hand; the
 * others have their quoted parts found by hand too ({@link QuotedText}), the rest by the regex. Either way in about one
 * pass: the regex alone, which stays the definition ({@link #shapeByRegex}), scans to the end again from every quote
 * that never closes.
 */
public final class MessageShapes {

    public static final String WILDCARD = "<*>";

    private static final String KEY = "(?<key>\"(?:[^\"\\\\]|\\\\.)*+\"\\s*:)";
    private static final String DOUBLE_QUOTED = "\"(?:[^\"\\\\]|\\\\.)*+\"";
    // single quotes only around a whole token, so the apostrophes of "can't" and "won't" stay text
    private static final String SINGLE_QUOTED = "(?<!\\w)'(?:[^'\\\\\n]|\\\\.)*+'(?!\\w)";
    /** The alternatives that do not start with a quote; none of them can start at one. */
    private static final String UNQUOTED = String.join("|",
            "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b",
            "\\b\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?",
            "\\b\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d{1,5})?\\b",
            // IPv6, "::" forms included: hex groups with at least two colons and a digit
            "(?<![\\w:])(?=[0-9a-fA-F:]*\\d)(?=[0-9a-fA-F]*:[0-9a-fA-F]*:)[0-9a-fA-F]{0,4}(?::[0-9a-fA-F]{0,4}){2,7}(?![\\w:])",
            "\\b0[xX][0-9a-fA-F]+\\b",
            "(?<![\\w.-])(?=[\\w.-]*\\d)[\\w-]++(?:\\.[\\w-]++)*+",
            // a hex id that happens to have no digit ("SegmentId: dcbadbdedcacdafc"), so it does not get a shape of its own
            "(?<![\\w.-])[a-fA-F]{8,}+(?![\\w.-])");
    /**
     * The definition of the variable tokens, in {@code Matcher.find} order. A JSON key is kept as it is; matching it
     * stops the scan from restarting inside it.
     */
    private static final Pattern VARIABLE = Pattern.compile(String.join("|", KEY, DOUBLE_QUOTED, SINGLE_QUOTED, UNQUOTED));
    private static final Pattern VARIABLE_UNQUOTED = Pattern.compile(UNQUOTED);

    private final Matcher unquoted = VARIABLE_UNQUOTED.matcher("");
    private final InterruptibleCharSequence text;

    public MessageShapes(Deadline deadline) {
        this.text = new InterruptibleCharSequence(deadline);
    }

    public String shape(String message) {
        return AsciiShapes.applies(message) ? AsciiShapes.shape(message) : shapeOther(message);
    }

    /**
     * Text with characters beyond ASCII: the quoted alternatives by hand ({@link QuotedText}, in one pass), the others
     * by the regex, whichever starts first, as {@link #shapeByRegex} finds them.
     */
    private String shapeOther(String m) {
        unquoted.reset(text.reset(m));
        QuotedText quotes = new QuotedText(m);
        StringBuilder out = null;
        int last = 0;
        int s = 0;
        int found = -1; // where the regex's next match starts, once looked for from s or before; MAX_VALUE: none
        int foundEnd = -1;
        while (s < m.length()) {
            if (found < s) {
                boolean any = unquoted.find(s);
                found = any ? unquoted.start() : Integer.MAX_VALUE;
                foundEnd = any ? unquoted.end() : -1;
            }
            int q = nextQuote(m, s, Math.min(found, m.length()));
            int start;
            int end;
            boolean key = false;
            if (q >= 0) {
                end = quotes.match(q);
                if (end < 0) {
                    s = q + 1;
                    continue;
                }
                key = quotes.isKey(end);
                start = q;
            } else if (found == Integer.MAX_VALUE) {
                break;
            } else {
                start = found;
                end = foundEnd;
            }
            out = appendPart(out, m, last, start, end, key);
            last = end;
            s = end;
        }
        unquoted.reset("");
        text.reset("");
        return out == null ? m : out.append(m, last, m.length()).toString();
    }

    /** The first quote ({@code "} or {@code '}) in {@code [from, to)}, or -1. */
    private static int nextQuote(String m, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = m.charAt(i);
            if (c == '"' || c == '\'') {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code out} (made on first use) with the text of {@code m} since {@code last}, then its variable part
     * {@code [start, end)}: a JSON key as it is, anything else as {@link #WILDCARD}.
     */
    static StringBuilder appendPart(StringBuilder out, String m, int last, int start, int end, boolean key) {
        StringBuilder shape = out != null ? out : new StringBuilder(m.length());
        shape.append(m, last, start);
        return key ? shape.append(m, start, end) : shape.append(WILDCARD);
    }

    /** The definition, one regex over the whole text: what the faster ways above must give. Tests only. */
    String shapeByRegex(String message) {
        Matcher matcher = VARIABLE.matcher(text.reset(message));
        StringBuilder out = null;
        int last = 0;
        while (matcher.find()) {
            out = appendPart(out, message, last, matcher.start(), matcher.end(), matcher.start("key") >= 0);
            last = matcher.end();
        }
        text.reset("");
        return out == null ? message : out.append(message, last, message.length()).toString();
    }
}
