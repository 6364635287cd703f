package dev.fnlens.query.aggregate;

import java.util.function.Supplier;

/** Creates accumulators by function name (canonical names from the function registry). */
public final class Aggregates {

    private Aggregates() {
    }

    /**
     * A factory of per-group accumulators. {@code countsRows} is true for {@code count()} and {@code count(*)};
     * {@code percent} is the second argument of pct/percentile.
     */
    public static Supplier<Accumulator> factory(String function, boolean countsRows, double percent) {
        return switch (function) {
            case "count" -> countsRows ? Counts.Rows::new : Counts.Present::new;
            case "count_distinct" -> Counts.Distinct::new;
            case "sum" -> Moments.Sum::new;
            case "avg" -> Moments.Avg::new;
            case "stddev" -> Moments.StdDev::new;
            case "min" -> () -> new Extremes.Numeric(-1);
            case "max" -> () -> new Extremes.Numeric(1);
            case "sortsFirst" -> () -> new Extremes.Sorted(-1);
            case "sortsLast" -> () -> new Extremes.Sorted(1);
            case "earliest" -> () -> new Extremes.Timed(-1);
            case "latest" -> () -> new Extremes.Timed(1);
            case "pct", "percentile" -> () -> new Percentile(percent);
            default -> throw new IllegalArgumentException("not an aggregate: " + function);
        };
    }

    public static boolean needsTimestamp(String function) {
        return function.equals("earliest") || function.equals("latest");
    }
}
