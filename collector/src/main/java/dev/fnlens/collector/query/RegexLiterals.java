package dev.fnlens.collector.query;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The literal texts every match of a Java regex must contain, so that a regex filter can be
 * narrowed down by the index first: {@code /Task timed out after \d+/} needs
 * {@code "Task timed out after "}. Conservative: runs at the top level only (a group,
 * class, quantified or escaped-class atom ends a run); a top-level alternation or the
 * {@code x} flag gives nothing. Only ever an under-approximation of what a match contains.
 */
public final class RegexLiterals {
    private static final Pattern LEADING_FLAGS = Pattern.compile("\\(\\?[a-zA-Z]+\\)");
    private static final Pattern INLINE_FLAGS = Pattern.compile("\\(\\?[-a-zA-Z]+[):]");
    private static final Pattern COMMENTS_FLAG = Pattern.compile("\\(\\?[a-zA-Z]*x");

    private RegexLiterals() {
    }

    /**
     * The text a regex finds when it is nothing but that text ({@code /Init Duration/}): no character with a meaning
     * in a regex, no flags. Null otherwise.
     */
    public static String plainText(String regex) {
        if (regex.isEmpty()) {
            return null;
        }
        for (int i = 0; i < regex.length(); i++) {
            if ("\\^$.|?*+()[]{}".indexOf(regex.charAt(i)) >= 0) {
                return null;
            }
        }
        return regex;
    }

    /**
     * The branches of a regex that is an alternation at its top level, or within one group that is all of it after
     * leading flags: {@code /ERROR|WARN/} is {@code ERROR} or {@code WARN}, {@code /(?i)(exception|error)/} is
     * {@code (?i)exception} or {@code (?i)error} (each keeps the leading flags). A message matches the regex when it
     * matches a branch. The regex itself, alone, when it is no such alternation.
     */
    public static List<String> alternatives(String regex) {
        if (quotesOrComments(regex)) {
            return List.of(regex); // they change what | means
        }
        Matcher flags = LEADING_FLAGS.matcher(regex);
        String prefix = flags.lookingAt() ? flags.group() : "";
        String body = regex.substring(prefix.length());
        if (INLINE_FLAGS.matcher(body).find()) {
            return List.of(regex); // a flag set in one branch holds in the branches after it
        }
        boolean group = body.startsWith("(") && !body.startsWith("(?") || body.startsWith("(?:");
        if (group && skipGroup(body, 0) == body.length()) {
            body = body.substring(body.startsWith("(?:") ? 3 : 1, body.length() - 1);
        }
        List<String> branches = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '[') {
                i = skipClass(body, i);
            } else if (c == '(') {
                i = skipGroup(body, i);
            } else if (c == '|') {
                branches.add(prefix + body.substring(start, i));
                start = ++i;
            } else {
                i++;
            }
        }
        if (branches.isEmpty()) {
            return List.of(regex);
        }
        branches.add(prefix + body.substring(start));
        return branches;
    }

    /** Whether the regex quotes ({@code \\Q}) or allows comments (the {@code x} flag), which this reading ignores. */
    private static boolean quotesOrComments(String regex) {
        return regex.contains("\\Q") || COMMENTS_FLAG.matcher(regex).find();
    }

    /** Required substrings, each non-empty; empty when nothing is certain. */
    public static List<String> required(String regex) {
        if (quotesOrComments(regex)) {
            return List.of();
        }
        List<String> runs = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        int i = 0;
        int n = regex.length();
        while (i < n) {
            char c = regex.charAt(i);
            switch (c) {
                case '|' -> {
                    return List.of(); // an alternative may avoid every run
                }
                case '(' -> {
                    end(runs, run);
                    i = skipGroup(regex, i);
                    i = skipQuantifier(regex, i);
                    continue;
                }
                case '[' -> {
                    end(runs, run);
                    i = skipClass(regex, i);
                    i = skipQuantifier(regex, i);
                    continue;
                }
                case '.', '^', '$' -> {
                    end(runs, run);
                    i = skipQuantifier(regex, i + 1);
                    continue;
                }
                case '\\' -> {
                    if (i + 1 >= n) {
                        return List.of();
                    }
                    char e = regex.charAt(i + 1);
                    Character literal = escapedLiteral(e);
                    if (literal == null) {
                        end(runs, run);
                        i = skipQuantifier(regex, skipEscape(regex, i));
                        continue;
                    }
                    i = literal(runs, run, regex, i + 2, literal);
                    continue;
                }
                case ')', '*', '+', '?', '{' -> {
                    return List.of(); // not where we expect it: be safe
                }
                default -> {
                    i = literal(runs, run, regex, i + 1, c);
                    continue;
                }
            }
        }
        end(runs, run);
        return runs;
    }

    /** Appends a literal char unless a quantifier makes it optional; returns where to go on. */
    private static int literal(List<String> runs, StringBuilder run, String regex, int next, char c) {
        if (next < regex.length()) {
            char q = regex.charAt(next);
            if (q == '?' || q == '*' || q == '{') {
                end(runs, run);
                return skipQuantifier(regex, next);
            }
            if (q == '+') {
                run.append(c);
                end(runs, run);
                return skipQuantifier(regex, next);
            }
        }
        run.append(c);
        return next;
    }

    private static void end(List<String> runs, StringBuilder run) {
        if (!run.isEmpty()) {
            runs.add(run.toString());
            run.setLength(0);
        }
    }

    /** {@code \.} and the like stand for themselves; {@code \t} and {@code \n} for their character. */
    private static Character escapedLiteral(char e) {
        if (e == 't') {
            return '\t';
        }
        if (e == 'n') {
            return '\n';
        }
        if (e == 'r') {
            return '\r';
        }
        if (e == 'f') {
            return '\f';
        }
        return Character.isLetterOrDigit(e) ? null : e;
    }

    /** Past an escape that is not a literal: {@code \d}, {@code \p{L}}, {@code \x41}, {@code \k<name>}. */
    private static int skipEscape(String regex, int i) {
        char e = regex.charAt(i + 1);
        int j = i + 2;
        if ((e == 'p' || e == 'P' || e == 'x' || e == 'N') && j < regex.length() && regex.charAt(j) == '{') {
            int close = regex.indexOf('}', j);
            return close < 0 ? regex.length() : close + 1;
        }
        if (e == 'k' && j < regex.length() && regex.charAt(j) == '<') {
            int close = regex.indexOf('>', j);
            return close < 0 ? regex.length() : close + 1;
        }
        if (e == 'x') {
            return Math.min(regex.length(), j + 2);
        }
        if (e == 'u') {
            return Math.min(regex.length(), j + 4);
        }
        if (e == 'c') {
            return Math.min(regex.length(), j + 1);
        }
        if (e == '0') {
            while (j < regex.length() && j < i + 5 && regex.charAt(j) >= '0' && regex.charAt(j) <= '7') {
                j++;
            }
        }
        while (Character.isDigit(e) && e != '0' && j < regex.length() && Character.isDigit(regex.charAt(j))) {
            j++; // a back reference \12
        }
        return j;
    }

    private static int skipGroup(String regex, int i) {
        int depth = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[') {
                i = skipClass(regex, i);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
            i++;
        }
        return regex.length();
    }

    private static int skipClass(String regex, int i) {
        int depth = 0;
        i++; // '['
        depth++;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++;
        }
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
            i++;
        }
        return regex.length();
    }

    /** Past {@code ? * + {n,m}} and a lazy or possessive suffix, if there. */
    private static int skipQuantifier(String regex, int i) {
        if (i >= regex.length()) {
            return i;
        }
        char q = regex.charAt(i);
        if (q == '{') {
            int close = regex.indexOf('}', i);
            i = close < 0 ? regex.length() : close + 1;
        } else if (q == '?' || q == '*' || q == '+') {
            i++;
        } else {
            return i;
        }
        if (i < regex.length() && (regex.charAt(i) == '?' || regex.charAt(i) == '+')) {
            i++;
        }
        return i;
    }
}
