package dev.fnlens.query.functions;

/**
 * What the parser and the planner know about a function: its canonical name, kind, arity, whether its result is a
 * timestamp (answers print timestamps as {@code yyyy-MM-dd HH:mm:ss.SSS}), and which argument is a period
 * ({@code 5m}). {@code impl} is null for aggregates, which live in the aggregate package.
 */
public record FunctionSpec(String name, Kind kind, int minArgs, int maxArgs, TimeResult time, int periodArg,
                           ScalarFunction impl) {

    public static final int VARIADIC = Integer.MAX_VALUE;

    public enum Kind { SCALAR, AGGREGATE }

    public enum TimeResult {
        /** never a timestamp */
        NO,
        /** always a timestamp (bin, datefloor, fromMillis) */
        YES,
        /** a timestamp when its first argument is one (min, max, earliest, coalesce ...) */
        AS_FIRST_ARG
    }

    public boolean isAggregate() {
        return kind == Kind.AGGREGATE;
    }

    public String arity() {
        if (minArgs == maxArgs) {
            return minArgs + (minArgs == 1 ? " argument" : " arguments");
        }
        return maxArgs == VARIADIC ? "at least " + minArgs + (minArgs == 1 ? " argument" : " arguments")
                : minArgs + " to " + maxArgs + " arguments";
    }
}
