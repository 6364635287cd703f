package dev.fnlens.query.exec;

import dev.fnlens.query.ResultField;
import dev.fnlens.query.eval.Row;
import dev.fnlens.query.runtime.Values;
import java.util.ArrayList;
import java.util.List;

/** The end of the pipeline: turns rows into answer rows of text, up to the row cap. */
final class Sink extends Stage {

    private final String[] columns;
    private final int[] slots;
    private final boolean[] time;
    private final int maxRows;
    final List<List<ResultField>> rows = new ArrayList<>();

    Sink(String[] columns, int[] slots, boolean[] time, int maxRows) {
        this.columns = columns;
        this.slots = slots;
        this.time = time;
        this.maxRows = maxRows;
    }

    @Override
    boolean push(Row row) {
        if (rows.size() >= maxRows) {
            return false;
        }
        List<ResultField> out = new ArrayList<>(columns.length);
        for (int i = 0; i < columns.length; i++) {
            String value = Values.format(row.get(slots[i]), time[i]);
            if (value != null) {
                out.add(new ResultField(columns[i], value));
            }
        }
        rows.add(out);
        return rows.size() < maxRows;
    }

    @Override
    void finish() {
        // the end of the chain
    }
}
