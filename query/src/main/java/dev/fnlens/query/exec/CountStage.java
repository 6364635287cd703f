package dev.fnlens.query.exec;

import dev.fnlens.query.eval.Row;

/** Counts the events that passed the filters, for {@code recordsMatched}. */
final class CountStage extends Stage {

    long count;

    @Override
    boolean push(Row row) {
        count++;
        return next.push(row);
    }
}
