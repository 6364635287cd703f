package dev.fnlens.query.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Regular expressions of the language. Named groups may use any word characters ({@code (?<request_id>...)}), but
 * Java only accepts letters and digits in group names, so groups are renamed to {@code g1, g2, ...} and the names
 * the user wrote are kept in order.
 */
public final class Regexes {

    /** A compiled pattern and the user's group names; group {@code i} of the list is Java group {@code "g" + (i+1)}. */
    public record Compiled(Pattern pattern, List<String> groupNames) {
        public Compiled {
            groupNames = List.copyOf(groupNames);
        }
    }

    private Regexes() {
    }

    /** Compiles a regex as written; throws {@link IllegalArgumentException} with a readable reason when invalid. */
    public static Compiled compile(String source) {
        List<String> names = new ArrayList<>();
        StringBuilder out = new StringBuilder(source.length() + 8);
        boolean inClass = false;
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '\\' && i + 1 < source.length()) {
                if (!inClass && source.startsWith("\\k<", i)) {
                    int close = source.indexOf('>', i + 3);
                    int index = close < 0 ? -1 : names.indexOf(source.substring(i + 3, close));
                    if (index >= 0) {
                        out.append("\\k<g").append(index + 1).append('>');
                        i = close + 1;
                        continue;
                    }
                }
                out.append(c).append(source.charAt(i + 1));
                i += 2;
                continue;
            }
            if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
                out.append(c);
                i++;
                // a ']' right after '[' or '[^' is a literal, not the end of the class
                if (i < source.length() && source.charAt(i) == '^') {
                    out.append('^');
                    i++;
                }
                if (i < source.length() && source.charAt(i) == ']') {
                    out.append(']');
                    i++;
                }
                continue;
            } else if (source.startsWith("(?<", i) && i + 3 < source.length()
                    && source.charAt(i + 3) != '=' && source.charAt(i + 3) != '!') {
                int close = source.indexOf('>', i + 3);
                String name = close < 0 ? "" : source.substring(i + 3, close);
                if (!name.matches("[A-Za-z_][\\w.@]*")) {
                    throw new IllegalArgumentException("invalid group name '" + name + "'");
                }
                if (names.contains(name)) {
                    throw new IllegalArgumentException("duplicate group name '" + name + "'");
                }
                names.add(name);
                out.append("(?<g").append(names.size()).append('>');
                i = close + 1;
                continue;
            }
            out.append(c);
            i++;
        }
        try {
            return new Compiled(Pattern.compile(out.toString()), names);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new IllegalArgumentException(e.getDescription(), e);
        }
    }

    /**
     * The regex for a {@code parse} glob: literal text, each {@code *} captures as little as possible, except a
     * trailing {@code *}, which takes the rest of the value. Matches anywhere in the value, across lines.
     */
    public static Pattern fromGlob(String glob) {
        StringBuilder re = new StringBuilder("(?s)");
        int stars = 0;
        int start = 0;
        for (int i = 0; i < glob.length(); i++) {
            if (glob.charAt(i) == '*') {
                if (i > start) {
                    re.append(Pattern.quote(glob.substring(start, i)));
                }
                stars++;
                re.append("(?<g").append(stars).append('>').append(i == glob.length() - 1 ? ".*" : ".*?").append(')');
                start = i + 1;
            }
        }
        if (start < glob.length()) {
            re.append(Pattern.quote(glob.substring(start)));
        }
        return Pattern.compile(re.toString());
    }

    /**
     * {@code matcher.find()} over the text. Java's regex engine recurses for alternations inside loops, so a pattern
     * such as {@code (x|xx)+} can overflow the stack on a long value; that value then counts as not matching instead
     * of failing the query (the error unwinds no further than here).
     */
    public static boolean find(Matcher matcher, CharSequence text) {
        try {
            return matcher.reset(text).find();
        } catch (StackOverflowError tooDeep) {
            return false;
        }
    }

    public static int countStars(String glob) {
        int n = 0;
        for (int i = 0; i < glob.length(); i++) {
            if (glob.charAt(i) == '*') {
                n++;
            }
        }
        return n;
    }
}
