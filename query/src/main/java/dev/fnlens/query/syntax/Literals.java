package dev.fnlens.query.syntax;

import dev.fnlens.query.ast.Expr;
import dev.fnlens.query.runtime.Regexes;
import java.util.ArrayList;
import java.util.List;

/** The literal operands of like, =~, in and parse: patterns, regexes (checked here) and lists. */
final class Literals {

    private Literals() {
    }

    /** After like or =~: a string (substring match) or a regex. */
    static Expr pattern(Lexer lx, String after) {
        Token t = lx.peekOperand();
        if (t.is(TokenType.STRING)) {
            lx.next();
            return new Expr.StringLiteral((String) t.value());
        }
        if (t.is(TokenType.REGEX)) {
            lx.next();
            return regex(lx, t);
        }
        throw lx.error(t.start(), "expected a string or a /regular expression/ after '" + after + "', found " + t.describe());
    }

    /** A regex token, compiled now so that a bad pattern is reported with its position. */
    static Expr.RegexLiteral regex(Lexer lx, Token t) {
        try {
            Regexes.compile((String) t.value());
        } catch (IllegalArgumentException e) {
            throw lx.error(t.start(), "invalid regular expression " + t.describe() + ": " + e.getMessage());
        }
        return new Expr.RegexLiteral((String) t.value());
    }

    /** After in: {@code [1, "a", -2]}, possibly empty. */
    static List<Expr> list(Lexer lx) {
        Token open = lx.peek();
        if (!open.is(TokenType.LBRACKET)) {
            throw lx.error(open.start(), "expected '[' after 'in', found " + open.describe());
        }
        lx.next();
        List<Expr> items = new ArrayList<>();
        if (lx.accept(TokenType.RBRACKET)) {
            return items;
        }
        do {
            Token t = lx.peekOperand();
            boolean negative = t.is(TokenType.MINUS);
            if (negative) {
                lx.next();
                t = lx.peek();
            }
            if (t.is(TokenType.STRING) && !negative) {
                items.add(new Expr.StringLiteral((String) t.value()));
            } else if (t.is(TokenType.NUMBER)) {
                items.add(new Expr.NumberLiteral(negative ? -(Double) t.value() : (Double) t.value()));
            } else {
                throw lx.error(t.start(), "expected a string or a number in the list after 'in', found " + t.describe());
            }
            lx.next();
        } while (lx.accept(TokenType.COMMA));
        lx.expect(TokenType.RBRACKET, "expected ',' or ']' in the list after 'in'");
        return items;
    }
}
