package dev.fnlens.query.eval;

/** An expression whose value is a boolean: implements {@link #test}, and {@link #eval} boxes only via constants. */
@FunctionalInterface
interface Predicate extends Eval {

    @Override
    boolean test(Row row);

    @Override
    default Object eval(Row row) {
        return test(row) ? Boolean.TRUE : Boolean.FALSE;
    }
}
