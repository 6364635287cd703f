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
 * ASCII messages, nearly all of them, are shaped by {@link AsciiShapes}, which finds the same tokens by hand.
 */
public final class MessageShapes {

    public static final String WILDCARD = "<*>";

    private static final Pattern VARIABLE = Pattern.compile(String.join("|",
            // a JSON key is kept as it is; matching it here stops the scan from restarting inside it
            "(?<key>\"(?:[^\"\\\\]|\\\\.)*+\"\\s*:)",
            "\"(?:[^\"\\\\]|\\\\.)*+\"",
            // single quotes only around a whole token, so the apostrophes of "can't" and "won't" stay text
            "(?<!\\w)'(?:[^'\\\\\n]|\\\\.)*+'(?!\\w)",
            "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b",
            "\\b\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?",
            "\\b\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d{1,5})?\\b",
            // IPv6, "::" forms included: hex groups with at least two colons and a digit
            "(?<![\\w:])(?=[0-9a-fA-F:]*\\d)(?=[0-9a-fA-F]*:[0-9a-fA-F]*:)[0-9a-fA-F]{0,4}(?::[0-9a-fA-F]{0,4}){2,7}(?![\\w:])",
            "\\b0[xX][0-9a-fA-F]+\\b",
            "(?<![\\w.-])(?=[\\w.-]*\\d)[\\w-]++(?:\\.[\\w-]++)*+",
            // a hex id that happens to have no digit ("SegmentId: dcbadbdedcacdafc"), so it does not get a shape of its own
            "(?<![\\w.-])[a-fA-F]{8,}+(?![\\w.-])"));

    private final Matcher matcher = VARIABLE.matcher("");
    private final InterruptibleCharSequence text;

    public MessageShapes(Deadline deadline) {
        this.text = new InterruptibleCharSequence(deadline);
    }

    public String shape(String message) {
        return AsciiShapes.applies(message) ? AsciiShapes.shape(message) : shapeByRegex(message);
    }

    String shapeByRegex(String message) {
        matcher.reset(text.reset(message));
        StringBuilder out = null;
        int last = 0;
        while (matcher.find()) {
            if (out == null) {
                out = new StringBuilder(message.length());
            }
            out.append(message, last, matcher.start());
            if (matcher.start("key") >= 0) {
                out.append(message, matcher.start(), matcher.end());
            } else {
                out.append(WILDCARD);
            }
            last = matcher.end();
        }
        matcher.reset("");
        text.reset("");
        return out == null ? message : out.append(message, last, message.length()).toString();
    }
}
