package dev.fnlens.query.exec;

import dev.fnlens.query.eval.Eval;
import dev.fnlens.query.eval.Row;

final class FilterStage extends Stage {

    private final Eval condition;

    FilterStage(Eval condition) {
        this.condition = condition;
    }

    @Override
    boolean push(Row row) {
        return !condition.test(row) || next.push(row);
    }
}
