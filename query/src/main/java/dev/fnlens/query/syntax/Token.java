package dev.fnlens.query.syntax;

import java.util.Locale;

/**
 * A token: its type, its text as written, where it starts and ends, and its value (unescaped string or regex,
 * number as Double, period in milliseconds as Long, field name).
 */
record Token(TokenType type, String text, int start, int end, Object value) {

    boolean is(TokenType t) {
        return type == t;
    }

    /** An unquoted word equal to the keyword, ignoring case. */
    boolean isKeyword(String keyword) {
        return type == TokenType.IDENT && text.equalsIgnoreCase(keyword);
    }

    String lower() {
        return text.toLowerCase(Locale.ROOT);
    }

    /** How error messages show the token. */
    String describe() {
        return type == TokenType.EOF ? "the end of the query" : "'" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'";
    }
}
