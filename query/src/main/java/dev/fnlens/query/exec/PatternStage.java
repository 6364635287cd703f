package dev.fnlens.query.exec;

import dev.fnlens.query.eval.Eval;
import dev.fnlens.query.eval.Row;
import dev.fnlens.query.pattern.MessageShapes;
import dev.fnlens.query.runtime.Deadline;
import dev.fnlens.query.runtime.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code pattern}: counts the values by shape. Output rows {@code @pattern}, {@code @ratio} (share of the values that
 * have this shape, 0 to 1) and {@code @sampleCount}, most frequent first. Events without the field are not counted.
 */
final class PatternStage extends Stage {

    static final String PATTERN = "@pattern";
    static final String RATIO = "@ratio";
    static final String COUNT = "@sampleCount";

    private final Eval value;
    private final MessageShapes shapes;
    private final Schema out;
    private final Deadline deadline;
    private final Map<String, long[]> counts = new HashMap<>();
    private long total;

    PatternStage(Eval value, Schema out, Deadline deadline) {
        this.value = value;
        this.shapes = new MessageShapes(deadline);
        this.out = out;
        this.deadline = deadline;
    }

    @Override
    boolean push(Row row) {
        String v = Values.asString(value.eval(row));
        if (v != null) {
            total++;
            counts.computeIfAbsent(shapes.shape(v), k -> new long[1])[0]++;
        }
        return true;
    }

    /** Counts values a store shaped itself: {@code count} of them have {@code shape}. */
    void add(String shape, long count) {
        total += count;
        counts.computeIfAbsent(shape, k -> new long[1])[0] += count;
    }

    @Override
    void finish() {
        List<Map.Entry<String, long[]>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort((a, b) -> {
            int c = Long.compare(b.getValue()[0], a.getValue()[0]);
            return c != 0 ? c : a.getKey().compareTo(b.getKey());
        });
        int pattern = out.read(PATTERN);
        int ratio = out.read(RATIO);
        int count = out.read(COUNT);
        for (Map.Entry<String, long[]> e : sorted) {
            deadline.tick();
            ArrayRow row = new ArrayRow(out.size());
            row.set(pattern, e.getKey());
            row.set(ratio, (double) e.getValue()[0] / total);
            row.set(count, e.getValue()[0]);
            if (!next.push(row)) {
                break;
            }
        }
        next.finish();
    }
}
