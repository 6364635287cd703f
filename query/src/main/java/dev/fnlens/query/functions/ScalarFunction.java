package dev.fnlens.query.functions;

/** A function of one row's values. Arguments arrive evaluated and normalised (see {@code Values}). */
@FunctionalInterface
public interface ScalarFunction {
    Object apply(Object[] args);
}
