package dev.fnlens.query.ast;

import java.util.List;
import java.util.Objects;

/** One command of the pipeline. Immutable. */
public sealed interface Command {

    /** {@code fields a, strlen(b) as n}: chooses output columns and computes new fields. */
    record Fields(List<Projection> projections) implements Command {
        public Fields {
            projections = List.copyOf(projections);
        }
    }

    record Filter(Expr condition) implements Command {
        public Filter {
            Objects.requireNonNull(condition, "condition");
        }
    }

    /**
     * {@code stats avg(x) as a, max(y) - a as d by bin(5m)}. Each aggregate projection may combine several aggregate
     * calls and refer to the aliases of the projections before it.
     */
    record Stats(List<Projection> aggregates, List<Projection> groupBy) implements Command {
        public Stats {
            aggregates = List.copyOf(aggregates);
            groupBy = List.copyOf(groupBy);
        }
    }

    record Sort(List<SortKey> keys) implements Command {
        public Sort {
            keys = List.copyOf(keys);
        }
    }

    record Limit(int count) implements Command {
    }

    /**
     * {@code parse field "glob * with * stars" as a, b} ({@code regex == false}) or {@code parse field /(?<a>..)/}
     * ({@code regex == true}, names are the named groups in order).
     */
    record Parse(String field, String pattern, boolean regex, List<String> names) implements Command {
        public Parse {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(pattern, "pattern");
            names = List.copyOf(names);
        }
    }

    /** {@code display a, b}: the output columns; the last display of a query wins. */
    record Display(List<String> fields) implements Command {
        public Display {
            fields = List.copyOf(fields);
        }
    }

    /** {@code dedup a, b}: keeps the first row of each combination; a row with a missing field is never a duplicate. */
    record Dedup(List<String> fields) implements Command {
        public Dedup {
            fields = List.copyOf(fields);
        }
    }

    /** {@code pattern @message}: groups the values by their shape. */
    record Pattern(Expr field) implements Command {
        public Pattern {
            Objects.requireNonNull(field, "field");
        }
    }
}
