package dev.fnlens.query.exec;

import dev.fnlens.query.eval.Eval;
import dev.fnlens.query.eval.Row;

/** {@code fields x as y}: assigns in order, so a later projection of the same command sees an earlier one. */
final class ComputeStage extends Stage {

    private final int[] slots;
    private final Eval[] values;

    ComputeStage(int[] slots, Eval[] values) {
        this.slots = slots;
        this.values = values;
    }

    @Override
    boolean push(Row row) {
        for (int i = 0; i < slots.length; i++) {
            row.set(slots[i], values[i].eval(row));
        }
        return next.push(row);
    }
}
