package dev.fnlens.collector.query;

import dev.fnlens.query.ast.BinaryOp;
import dev.fnlens.query.ast.Expr;
import dev.fnlens.query.runtime.Values;

/**
 * What every store's translation of filter conditions reads the same way: a field compared with a
 * literal, literals as numbers, discovered JSON fields, wildcard text, case-insensitive regexes.
 */
public final class Conditions {
    private Conditions() {
    }

    /** {@code field op literal}; {@code literal op field} is given turned around ({@code 5 < x} as {@code x > 5}). */
    public record Comparison(String field, BinaryOp op, Expr literal) {
    }

    /** The comparison of a field with a string or number literal, or null for anything else. */
    public static Comparison comparison(Expr.Binary b) {
        if (b.left() instanceof Expr.Field f && isLiteral(b.right())) {
            return new Comparison(f.name(), b.op(), b.right());
        }
        if (b.right() instanceof Expr.Field f && isLiteral(b.left())) {
            return new Comparison(f.name(), flip(b.op()), b.left());
        }
        return null;
    }

    /** A number literal, or a string literal that reads as one (compared as numbers); else null. */
    public static Double number(Expr literal) {
        if (literal instanceof Expr.NumberLiteral n) {
            return n.value();
        }
        if (literal instanceof Expr.StringLiteral s && Values.looksNumeric(s.value())) {
            return Double.parseDouble(s.value());
        }
        return null;
    }

    /** Whether a regex matches regardless of case ({@code (?i)} anywhere). */
    public static boolean caseless(String regex) {
        return regex.contains("(?") && regex.matches("(?s).*\\(\\?[a-zA-Z]*i.*");
    }

    /** {@code s} with the wildcard characters {@code * ? \} escaped. */
    public static String escapeWildcard(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static boolean isLiteral(Expr e) {
        return e instanceof Expr.StringLiteral || e instanceof Expr.NumberLiteral;
    }

    private static BinaryOp flip(BinaryOp op) {
        return switch (op) {
            case LT -> BinaryOp.GT;
            case LE -> BinaryOp.GE;
            case GT -> BinaryOp.LT;
            case GE -> BinaryOp.LE;
            default -> op;
        };
    }
}
