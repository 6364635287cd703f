package dev.fnlens.query.syntax;

import dev.fnlens.query.QuerySyntaxException;
import dev.fnlens.query.ast.Command;
import dev.fnlens.query.ast.Expr;
import dev.fnlens.query.ast.Projection;
import dev.fnlens.query.ast.SortKey;
import dev.fnlens.query.runtime.Regexes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads a whole query: commands separated by {@code |}. Entry point of the syntax package. */
public final class CommandParser {

    public static final int MAX_QUERY_LENGTH = 10_000;
    public static final int MAX_LIMIT = 10_000;
    private static final String COMMANDS = "fields, filter, stats, sort, limit, parse, display, dedup or pattern";

    private final Lexer lx;
    private final ExpressionParser expressions;

    private CommandParser(String text) {
        this.lx = new Lexer(text);
        this.expressions = new ExpressionParser(lx);
    }

    /** Parses and checks a query; every problem is a {@link QuerySyntaxException} with line and column. */
    public static List<Command> parse(String text) {
        if (text == null) {
            throw new QuerySyntaxException(1, 1, "the query is empty");
        }
        if (text.length() > MAX_QUERY_LENGTH) {
            throw QuerySyntaxException.at(text, MAX_QUERY_LENGTH,
                    "the query is longer than " + MAX_QUERY_LENGTH + " characters (" + text.length() + ")");
        }
        return new CommandParser(text).commands();
    }

    private List<Command> commands() {
        List<Command> commands = new ArrayList<>();
        do {
            commands.add(command());
        } while (lx.accept(TokenType.PIPE));
        Token t = lx.peek();
        if (!t.is(TokenType.EOF)) {
            throw lx.error(t.start(), "expected '|' or the end of the query, found " + t.describe());
        }
        return commands;
    }

    private Command command() {
        Token t = lx.peek();
        if (!t.is(TokenType.IDENT)) {
            throw lx.error(t.start(), "expected a command (" + COMMANDS + "), found " + t.describe());
        }
        lx.next();
        return switch (t.lower()) {
            case "fields" -> new Command.Fields(projections(t));
            case "filter" -> new Command.Filter(expression(t));
            case "stats" -> stats(t);
            case "sort" -> sort(t);
            case "limit" -> new Command.Limit(limit());
            case "parse" -> parse();
            case "display" -> new Command.Display(names(t));
            case "dedup" -> new Command.Dedup(names(t));
            case "pattern" -> pattern();
            default -> throw lx.error(t.start(), "unknown command '" + t.text() + "': expected " + COMMANDS);
        };
    }

    private Expr expression(Token after) {
        requireOperand(after, "an expression");
        return expressions.scalar();
    }

    private List<Projection> projections(Token after) {
        List<Projection> out = new ArrayList<>();
        Token sep = after;
        do {
            requireOperand(sep, "a field name or expression");
            int start = lx.peekOperand().start();
            Expr e = expressions.scalar();
            out.add(new Projection(e, alias(e, start)));
            sep = lx.peek();
        } while (lx.accept(TokenType.COMMA));
        return out;
    }

    private Command stats(Token stats) {
        List<Projection> aggregates = new ArrayList<>();
        Set<String> aliases = new HashSet<>();
        Token sep = stats;
        do {
            requireOperand(sep, "an aggregate function such as count()");
            int start = lx.peekOperand().start();
            Expr e = expressions.statsProjection(aliases);
            Projection p = new Projection(e, alias(e, start));
            aggregates.add(p);
            aliases.add(p.name());
            sep = lx.peek();
        } while (lx.accept(TokenType.COMMA));
        List<Projection> groupBy = List.of();
        Token by = lx.peek();
        if (by.isKeyword("by")) {
            lx.next();
            groupBy = projections(by);
        }
        expressions.afterStats();
        return new Command.Stats(aggregates, groupBy);
    }

    private Command sort(Token sort) {
        Token after = sort;
        if (lx.peek().isKeyword("by")) {
            after = lx.next();
        }
        List<SortKey> keys = new ArrayList<>();
        do {
            requireOperand(after, "a field name");
            Expr e = expressions.scalar();
            boolean descending = false;
            Token dir = lx.peek();
            if (dir.isKeyword("asc") || dir.isKeyword("desc")) {
                lx.next();
                descending = dir.isKeyword("desc");
            }
            keys.add(new SortKey(e, descending));
            after = lx.peek();
        } while (lx.accept(TokenType.COMMA));
        return new Command.Sort(keys);
    }

    private int limit() {
        Token t = lx.peekOperand();
        double n = t.is(TokenType.NUMBER) ? (Double) t.value() : -1;
        if (n < 1 || n > MAX_LIMIT || n != Math.rint(n)) {
            throw lx.error(t.start(), "expected a number of rows from 1 to " + MAX_LIMIT + " after 'limit', found " + t.describe());
        }
        lx.next();
        return (int) n;
    }

    /** {@code parse [field] "glob" as a, b} or {@code parse [field] /regex with (?<named>groups)/}; field defaults to @message. */
    private Command parse() {
        String field = "@message";
        Token t = lx.peekOperand();
        if (t.is(TokenType.QUOTED_IDENT) || (t.is(TokenType.IDENT) && !ExpressionParser.isKeyword(t))) {
            field = (String) lx.next().value();
            t = lx.peekOperand();
        }
        if (t.is(TokenType.REGEX)) {
            lx.next();
            String regex = Literals.regex(lx, t).pattern();
            List<String> names = Regexes.compile(regex).groupNames();
            if (names.isEmpty()) {
                throw lx.error(t.start(), "a parse regular expression needs named groups such as (?<name>\\S+)");
            }
            return new Command.Parse(field, regex, true, names);
        }
        if (!t.is(TokenType.STRING)) {
            throw lx.error(t.start(), "expected a pattern in quotes or a /regular expression/ after 'parse " + field
                    + "', found " + t.describe());
        }
        lx.next();
        String glob = (String) t.value();
        int stars = Regexes.countStars(glob);
        if (stars == 0) {
            throw lx.error(t.start(), "a parse pattern needs at least one '*' to capture");
        }
        Token as = lx.peek();
        if (!as.isKeyword("as")) {
            throw lx.error(as.start(), "expected 'as' and " + stars + " field name(s) after the parse pattern, found " + as.describe());
        }
        lx.next();
        List<String> names = names(as);
        if (names.size() != stars) {
            throw lx.error(t.start(), "the parse pattern has " + stars + " '*' but " + names.size() + " name(s) follow 'as'");
        }
        return new Command.Parse(field, glob, false, names);
    }

    private Command pattern() {
        Token t = lx.peekOperand();
        if (t.is(TokenType.EOF) || t.is(TokenType.PIPE)) {
            return new Command.Pattern(new Expr.Field("@message"));
        }
        return new Command.Pattern(expressions.scalar());
    }

    private List<String> names(Token after) {
        List<String> names = new ArrayList<>();
        Token sep = after;
        do {
            names.add(fieldName(sep));
            sep = lx.peek();
        } while (lx.accept(TokenType.COMMA));
        return names;
    }

    private String fieldName(Token after) {
        Token t = lx.peekOperand();
        if (t.is(TokenType.QUOTED_IDENT) || (t.is(TokenType.IDENT) && !ExpressionParser.isKeyword(t))) {
            lx.next();
            return (String) t.value();
        }
        throw lx.error(t.start(), "expected a field name after '" + after.text() + "'" + found(t));
    }

    /** The column name: the alias after {@code as}, the field's name, or the expression's text as written. */
    private String alias(Expr e, int start) {
        Token as = lx.peek();
        if (as.isKeyword("as")) {
            lx.next();
            return fieldName(as);
        }
        if (e instanceof Expr.Field f) {
            return f.name();
        }
        return lx.source().substring(start, lx.lastEnd()).trim();
    }

    /** The message for a missing operand names what came before, as in "expected a field name after 'by'". */
    private void requireOperand(Token after, String what) {
        Token t = lx.peekOperand();
        if (t.is(TokenType.EOF) || t.is(TokenType.PIPE) || t.is(TokenType.COMMA) || ExpressionParser.isKeyword(t)
                && !t.isKeyword("not")) {
            throw lx.error(t.start(), "expected " + (after.isKeyword("by") ? "a field name" : what)
                    + " after '" + after.text() + "'" + found(t));
        }
    }

    private static String found(Token t) {
        return t.is(TokenType.EOF) ? "" : ", found " + t.describe();
    }
}
