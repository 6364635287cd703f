package dev.fnlens.query.syntax;

import dev.fnlens.query.QuerySyntaxException;
import java.util.Locale;
import java.util.Map;

/**
 * Splits query text into tokens on demand, one token of lookahead. Whether {@code /} starts a regex or is a division
 * depends on where it stands, which only the parser knows: it calls {@link #peekOperand()} where an operand is
 * expected, and the pending {@code /} is read again as a regex. {@code #} starts a comment up to the end of the line.
 */
final class Lexer {

    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("ms", 1L),
            Map.entry("s", 1_000L), Map.entry("sec", 1_000L), Map.entry("secs", 1_000L),
            Map.entry("second", 1_000L), Map.entry("seconds", 1_000L),
            Map.entry("m", 60_000L), Map.entry("min", 60_000L), Map.entry("mins", 60_000L),
            Map.entry("minute", 60_000L), Map.entry("minutes", 60_000L),
            Map.entry("h", 3_600_000L), Map.entry("hr", 3_600_000L), Map.entry("hrs", 3_600_000L),
            Map.entry("hour", 3_600_000L), Map.entry("hours", 3_600_000L),
            Map.entry("d", 86_400_000L), Map.entry("day", 86_400_000L), Map.entry("days", 86_400_000L),
            Map.entry("w", 604_800_000L), Map.entry("week", 604_800_000L), Map.entry("weeks", 604_800_000L));

    private final String src;
    private int pos;
    private Token lookahead;
    private int lastEnd;

    Lexer(String src) {
        this.src = src;
    }

    String source() {
        return src;
    }

    Token peek() {
        if (lookahead == null) {
            lookahead = scan(false);
        }
        return lookahead;
    }

    /** Like {@link #peek()}, but a {@code /} here starts a regular expression. */
    Token peekOperand() {
        Token t = peek();
        if (t.is(TokenType.SLASH)) {
            pos = t.start();
            lookahead = scan(true);
        }
        return lookahead;
    }

    Token next() {
        Token t = peek();
        lookahead = null;
        lastEnd = t.end();
        return t;
    }

    boolean accept(TokenType type) {
        if (peek().is(type)) {
            next();
            return true;
        }
        return false;
    }

    void expect(TokenType type, String reason) {
        Token t = peek();
        if (!t.is(type)) {
            throw error(t.start(), reason + ", found " + t.describe());
        }
        next();
    }

    /** Where the last consumed token ended: the end of an expression's text. */
    int lastEnd() {
        return lastEnd;
    }

    QuerySyntaxException error(int offset, String reason) {
        return QuerySyntaxException.at(src, offset, reason);
    }

    private Token scan(boolean regexAllowed) {
        int afterPrevious = pos;
        skipSpaceAndComments();
        int start = pos;
        if (pos >= src.length()) {
            // reported right after the last token, not on a trailing blank line
            return new Token(TokenType.EOF, "", afterPrevious, afterPrevious, null);
        }
        char c = src.charAt(pos);
        switch (c) {
            case '|': return single(TokenType.PIPE);
            case ',': return single(TokenType.COMMA);
            case '(': return single(TokenType.LPAREN);
            case ')': return single(TokenType.RPAREN);
            case '[': return single(TokenType.LBRACKET);
            case ']': return single(TokenType.RBRACKET);
            case '+': return single(TokenType.PLUS);
            case '-': return single(TokenType.MINUS);
            case '*': return single(TokenType.STAR);
            case '^': return single(TokenType.CARET);
            case '%': return single(TokenType.PERCENT);
            case '/': return regexAllowed ? regex() : single(TokenType.SLASH);
            case '=': return src.startsWith("=~", pos) ? fixed(TokenType.MATCH, 2) : single(TokenType.EQ);
            case '!':
                if (src.startsWith("!=", pos)) {
                    return fixed(TokenType.NE, 2);
                }
                throw error(pos, "unexpected character '!' (did you mean '!=' or 'not'?)");
            case '<': return src.startsWith("<=", pos) ? fixed(TokenType.LE, 2) : single(TokenType.LT);
            case '>': return src.startsWith(">=", pos) ? fixed(TokenType.GE, 2) : single(TokenType.GT);
            case '"':
            case '\'':
                return string(c);
            case '`':
                return quotedIdent();
            default:
                break;
        }
        if (isDigit(c) || (c == '.' && pos + 1 < src.length() && isDigit(src.charAt(pos + 1)))) {
            return number();
        }
        if (isIdentStart(c)) {
            while (pos < src.length() && isIdentPart(src.charAt(pos))) {
                pos++;
            }
            String text = src.substring(start, pos);
            return new Token(TokenType.IDENT, text, start, pos, text);
        }
        throw error(pos, "unexpected character '" + c + "'");
    }

    private void skipSpaceAndComments() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private Token single(TokenType type) {
        return fixed(type, 1);
    }

    private Token fixed(TokenType type, int length) {
        int start = pos;
        pos += length;
        return new Token(type, src.substring(start, pos), start, pos, null);
    }

    private Token string(char quote) {
        int start = pos++;
        StringBuilder value = new StringBuilder();
        while (pos < src.length()) {
            char c = src.charAt(pos++);
            if (c == quote) {
                return new Token(TokenType.STRING, src.substring(start, pos), start, pos, value.toString());
            }
            if (c == '\\' && pos < src.length()) {
                char e = src.charAt(pos++);
                switch (e) {
                    case 'n': value.append('\n'); break;
                    case 't': value.append('\t'); break;
                    case 'r': value.append('\r'); break;
                    default: value.append(e);
                }
            } else {
                value.append(c);
            }
        }
        throw error(start, "unterminated string: missing closing " + quote);
    }

    /** The regex text is kept as written, except that {@code \/} stands for a slash. */
    private Token regex() {
        int start = pos++;
        StringBuilder value = new StringBuilder();
        while (pos < src.length()) {
            char c = src.charAt(pos++);
            if (c == '/') {
                return new Token(TokenType.REGEX, src.substring(start, pos), start, pos, value.toString());
            }
            if (c == '\\' && pos < src.length()) {
                char e = src.charAt(pos++);
                if (e != '/') {
                    value.append('\\');
                }
                value.append(e);
            } else if (c == '\n') {
                break;
            } else {
                value.append(c);
            }
        }
        throw error(start, "unterminated regular expression: missing closing /");
    }

    private Token quotedIdent() {
        int start = pos++;
        int close = src.indexOf('`', pos);
        if (close < 0) {
            throw error(start, "unterminated field name: missing closing `");
        }
        pos = close + 1;
        String name = src.substring(start + 1, close);
        if (name.isEmpty()) {
            throw error(start, "empty field name ``");
        }
        return new Token(TokenType.QUOTED_IDENT, src.substring(start, pos), start, pos, name);
    }

    /** A number, or an integer followed directly by a time unit ({@code 5m}, {@code 100ms}): a period. */
    private Token number() {
        int start = pos;
        while (pos < src.length() && isDigit(src.charAt(pos))) {
            pos++;
        }
        boolean integer = true;
        if (pos < src.length() && src.charAt(pos) == '.' && pos + 1 < src.length() && isDigit(src.charAt(pos + 1))) {
            integer = false;
            pos++;
            while (pos < src.length() && isDigit(src.charAt(pos))) {
                pos++;
            }
        }
        int mark = pos;
        if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            int p = pos + 1;
            if (p < src.length() && (src.charAt(p) == '+' || src.charAt(p) == '-')) {
                p++;
            }
            if (p < src.length() && isDigit(src.charAt(p))) {
                integer = false;
                pos = p;
                while (pos < src.length() && isDigit(src.charAt(pos))) {
                    pos++;
                }
            }
        }
        if (pos == mark && pos < src.length() && Character.isLetter(src.charAt(pos))) {
            int unitStart = pos;
            while (pos < src.length() && Character.isLetter(src.charAt(pos))) {
                pos++;
            }
            String unit = src.substring(unitStart, pos).toLowerCase(Locale.ROOT);
            Long millis = UNITS.get(unit);
            if (millis == null || !integer) {
                throw error(start, "invalid time period '" + src.substring(start, pos)
                        + "': use a whole number and a unit ms, s, m, h, d or w");
            }
            long amount = Long.parseLong(src.substring(start, unitStart));
            return new Token(TokenType.DURATION, src.substring(start, pos), start, pos, amount * millis);
        }
        String text = src.substring(start, pos);
        return new Token(TokenType.NUMBER, text, start, pos, Double.parseDouble(text));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '@' || c == '$';
    }

    private static boolean isIdentPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '@' || c == '$' || c == '.';
    }
}
