package dev.fnlens.query.exec;

import dev.fnlens.query.eval.Row;

final class LimitStage extends Stage {

    private final int limit;
    private int passed;

    LimitStage(int limit) {
        this.limit = limit;
    }

    @Override
    boolean push(Row row) {
        if (passed >= limit) {
            return false;
        }
        passed++;
        return next.push(row) && passed < limit;
    }
}
