package dev.fnlens.query.syntax;

import dev.fnlens.query.ast.BinaryOp;
import dev.fnlens.query.ast.Expr;
import dev.fnlens.query.ast.UnaryOp;
import dev.fnlens.query.functions.FunctionRegistry;
import dev.fnlens.query.functions.FunctionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive descent over expressions, lowest precedence first: or, and, not, comparisons (= != < <= > >= like =~ in),
 * + -, * / %, unary minus, ^. Functions are checked as they are read (name, arity, aggregate placement), so every
 * error carries the position of the offending token.
 */
final class ExpressionParser {

    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "like", "as", "by", "asc", "desc");

    private final Lexer lx;
    /** In a stats projection: aggregates allowed, bare fields only when they name an earlier alias. */
    private Set<String> statsAliases;
    private boolean insideAggregate;
    /** After a stats, {@code count()} or {@code avg(x)} outside stats names the column that stats produced. */
    private boolean afterStats;

    ExpressionParser(Lexer lx) {
        this.lx = lx;
    }

    void afterStats() {
        afterStats = true;
    }

    static boolean isKeyword(Token t) {
        return t.is(TokenType.IDENT) && KEYWORDS.contains(t.lower());
    }

    /** An expression outside stats: no aggregate functions. */
    Expr scalar() {
        statsAliases = null;
        return or();
    }

    /** A stats projection: aggregates, and references to the aliases given before it in the same stats. */
    Expr statsProjection(Set<String> aliases) {
        statsAliases = aliases;
        try {
            return or();
        } finally {
            statsAliases = null;
        }
    }

    private Expr or() {
        Expr e = and();
        while (lx.peek().isKeyword("or")) {
            lx.next();
            e = new Expr.Binary(BinaryOp.OR, e, and());
        }
        return e;
    }

    private Expr and() {
        Expr e = not();
        while (lx.peek().isKeyword("and")) {
            lx.next();
            e = new Expr.Binary(BinaryOp.AND, e, not());
        }
        return e;
    }

    private Expr not() {
        if (lx.peekOperand().isKeyword("not")) {
            lx.next();
            return new Expr.Unary(UnaryOp.NOT, not());
        }
        return comparison();
    }

    private Expr comparison() {
        Expr left = additive();
        Token t = lx.peek();
        BinaryOp op = switch (t.type()) {
            case EQ -> BinaryOp.EQ;
            case NE -> BinaryOp.NE;
            case LT -> BinaryOp.LT;
            case LE -> BinaryOp.LE;
            case GT -> BinaryOp.GT;
            case GE -> BinaryOp.GE;
            default -> null;
        };
        if (op != null) {
            lx.next();
            return new Expr.Binary(op, left, additive());
        }
        if (t.is(TokenType.MATCH) || t.isKeyword("like")) {
            lx.next();
            return new Expr.Match(left, Literals.pattern(lx, t.text()), false);
        }
        if (t.isKeyword("in")) {
            lx.next();
            return new Expr.In(left, Literals.list(lx), false);
        }
        if (t.isKeyword("not")) {
            lx.next();
            Token u = lx.peek();
            if (u.isKeyword("like")) {
                lx.next();
                return new Expr.Match(left, Literals.pattern(lx, "not like"), true);
            }
            if (u.isKeyword("in")) {
                lx.next();
                return new Expr.In(left, Literals.list(lx), true);
            }
            throw lx.error(u.start(), "expected 'like' or 'in' after 'not', found " + u.describe());
        }
        return left;
    }

    private Expr additive() {
        Expr e = multiplicative();
        while (lx.peek().is(TokenType.PLUS) || lx.peek().is(TokenType.MINUS)) {
            BinaryOp op = lx.next().is(TokenType.PLUS) ? BinaryOp.ADD : BinaryOp.SUB;
            e = new Expr.Binary(op, e, multiplicative());
        }
        return e;
    }

    private Expr multiplicative() {
        Expr e = unary();
        while (true) {
            TokenType t = lx.peek().type();
            BinaryOp op = t == TokenType.STAR ? BinaryOp.MUL : t == TokenType.SLASH ? BinaryOp.DIV
                    : t == TokenType.PERCENT ? BinaryOp.MOD : null;
            if (op == null) {
                return e;
            }
            lx.next();
            e = new Expr.Binary(op, e, unary());
        }
    }

    private Expr unary() {
        if (lx.peekOperand().is(TokenType.MINUS)) {
            lx.next();
            Expr operand = unary();
            return operand instanceof Expr.NumberLiteral n ? new Expr.NumberLiteral(-n.value())
                    : new Expr.Unary(UnaryOp.NEGATE, operand);
        }
        Expr base = primary();
        if (lx.peek().is(TokenType.CARET)) {
            lx.next();
            return new Expr.Binary(BinaryOp.POW, base, unary());
        }
        return base;
    }

    private Expr primary() {
        Token t = lx.peekOperand();
        switch (t.type()) {
            case NUMBER:
                lx.next();
                return new Expr.NumberLiteral((Double) t.value());
            case STRING:
                lx.next();
                return new Expr.StringLiteral((String) t.value());
            case LPAREN: {
                lx.next();
                Expr e = or();
                lx.expect(TokenType.RPAREN, "expected ')'");
                return e;
            }
            case QUOTED_IDENT:
                lx.next();
                return field(t);
            case IDENT:
                if (isKeyword(t)) {
                    break;
                }
                lx.next();
                return lx.peek().is(TokenType.LPAREN) ? call(t) : field(t);
            case DURATION:
                throw lx.error(t.start(), "a time period such as " + t.text()
                        + " is only allowed in bin(), datefloor() and dateceil()");
            case REGEX:
                throw lx.error(t.start(), "a regular expression is only allowed after like, =~ or in parse");
            default:
                break;
        }
        throw lx.error(t.start(), "expected an expression, found " + t.describe());
    }

    private Expr field(Token t) {
        String name = (String) t.value();
        if (statsAliases != null && !insideAggregate && !statsAliases.contains(name)) {
            throw lx.error(t.start(), "'" + name + "' must be inside an aggregate function such as max(" + name
                    + "), or be an alias defined earlier in this stats");
        }
        return new Expr.Field(name);
    }

    private Expr call(Token name) {
        FunctionSpec spec = FunctionRegistry.lookup(name.text())
                .orElseThrow(() -> lx.error(name.start(), "unknown function '" + name.text() + "'"));
        // after a stats, count() outside stats or inside an aggregate (sum(count())) is that stats' column
        boolean columnReference = spec.isAggregate() && afterStats && (statsAliases == null || insideAggregate);
        if (spec.isAggregate() && statsAliases == null && !columnReference) {
            throw lx.error(name.start(), "aggregate function '" + spec.name() + "' can only be used in stats");
        }
        if (spec.isAggregate() && insideAggregate && !columnReference) {
            throw lx.error(name.start(), "aggregate function '" + spec.name() + "' cannot be nested in another aggregate");
        }
        boolean outer = insideAggregate;
        insideAggregate = outer || spec.isAggregate() && !columnReference;
        try {
            lx.next(); // (
            List<Expr> args = new ArrayList<>();
            if (!lx.accept(TokenType.RPAREN)) {
                do {
                    args.add(argument(spec, args.size()));
                } while (lx.accept(TokenType.COMMA));
                lx.expect(TokenType.RPAREN, "expected ',' or ')' after the arguments of " + spec.name() + "()");
            }
            if (args.size() < spec.minArgs() || args.size() > spec.maxArgs()) {
                throw lx.error(name.start(), "function '" + spec.name() + "' takes " + spec.arity() + ", found " + args.size());
            }
            checkPercent(spec, args, name);
            if (columnReference) {
                return new Expr.Field(lx.source().substring(name.start(), lx.lastEnd()));
            }
            return new Expr.Call(spec.name(), args);
        } finally {
            insideAggregate = outer;
        }
    }

    private Expr argument(FunctionSpec spec, int index) {
        Token t = lx.peekOperand();
        if (index == spec.periodArg()) {
            if (!t.is(TokenType.DURATION)) {
                throw lx.error(t.start(), "expected a time period such as 5m as argument " + (index + 1) + " of "
                        + spec.name() + "(), found " + t.describe());
            }
            lx.next();
            if ((Long) t.value() <= 0) {
                throw lx.error(t.start(), "the period of " + spec.name() + "() must be greater than 0");
            }
            return new Expr.DurationLiteral((Long) t.value(), t.text());
        }
        if (t.is(TokenType.STAR)) {
            if (!spec.name().equals("count") || index > 0) {
                throw lx.error(t.start(), "'*' is only allowed in count(*)");
            }
            lx.next();
            return new Expr.Star();
        }
        return or();
    }

    private void checkPercent(FunctionSpec spec, List<Expr> args, Token name) {
        if (spec.name().equals("pct") || spec.name().equals("percentile")) {
            if (!(args.get(1) instanceof Expr.NumberLiteral p) || p.value() < 0 || p.value() > 100) {
                throw lx.error(name.start(), "the second argument of " + spec.name() + "() must be a number from 0 to 100");
            }
        }
    }
}
