package dev.fnlens.query.exec;

import dev.fnlens.query.eval.Row;
import dev.fnlens.query.runtime.Values;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code dedup a, b}: the first row of each combination passes; a row missing any of the fields always passes. */
final class DedupStage extends Stage {

    private final int[] slots;
    private final Set<List<Object>> seen = new HashSet<>();

    DedupStage(int[] slots) {
        this.slots = slots;
    }

    @Override
    boolean push(Row row) {
        Object[] key = new Object[slots.length];
        for (int i = 0; i < slots.length; i++) {
            Object v = row.get(slots[i]);
            if (v == null) {
                return next.push(row);
            }
            key[i] = Values.key(v);
        }
        return !seen.add(Arrays.asList(key)) || next.push(row);
    }
}
