package dev.fnlens.query.eval;

import dev.fnlens.query.runtime.Values;

/** A compiled expression. {@link #test} lets predicates answer without boxing a Boolean. */
@FunctionalInterface
public interface Eval {

    Object eval(Row row);

    default boolean test(Row row) {
        return Values.truthy(eval(row));
    }
}
