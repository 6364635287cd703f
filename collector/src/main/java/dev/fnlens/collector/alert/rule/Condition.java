package dev.fnlens.collector.alert.rule;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code <field> <op> <number>}: {@code errors > 5}, {@code errorRate >= 2.5}, {@code invocations < 1}.
 * The field is a column of the rule's query; backticks quote odd names ({@code `count(*)` > 0}).
 *
 * @param field     the result column tested
 * @param op        one of {@code > >= < <= = !=}
 * @param threshold the number it is compared with
 */
public record Condition(String field, String op, double threshold) {
    private static final Pattern SYNTAX = Pattern.compile(
            "\\s*(`[^`]+`|[A-Za-z0-9_@$.]+)\\s*(>=|<=|!=|==|=|>|<)\\s*([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*");

    public Condition {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(op, "op");
    }

    public static Condition parse(String text) {
        Matcher m = SYNTAX.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new InvalidRuleException("condition", "expected '<field> <op> <number>' with op one of"
                    + " > >= < <= = !=, e.g. 'errors > 5', got '" + (text == null ? "" : text) + "'");
        }
        String field = m.group(1).startsWith("`") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
        String op = m.group(2).equals("==") ? "=" : m.group(2);
        return new Condition(field, op, Double.parseDouble(m.group(3)));
    }

    /** Whether {@code value} meets the condition. */
    public boolean test(double value) {
        return switch (op) {
            case ">" -> value > threshold;
            case ">=" -> value >= threshold;
            case "<" -> value < threshold;
            case "<=" -> value <= threshold;
            case "=" -> value == threshold;
            case "!=" -> value != threshold;
            default -> throw new IllegalStateException(op);
        };
    }

    /** The text {@link #parse} reads back: {@code errors > 5}. */
    public String text() {
        String name = field.matches("[A-Za-z0-9_@$.]+") ? field : "`" + field + "`";
        return name + " " + op + " " + number(threshold);
    }

    static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    @Override
    public String toString() {
        return text();
    }
}
