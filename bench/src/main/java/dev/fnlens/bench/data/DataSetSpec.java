package dev.fnlens.bench.data;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * What to generate: the same spec always yields the same invocations.
 *
 * @param seed        random seed
 * @param events      stop once this many log events are generated (whole invocations, so a few more)
 * @param hours       timestamps are spread over the {@code hours} before {@code endMillis}
 * @param endMillis   the newest timestamp; a fixed value makes the data set reproducible
 * @param batchEvents events per request to each system (whole invocations, so a few more)
 * @param appLines    false leaves out the functions' own lines: only START, END, REPORT (and
 *                    error/timeout lines), to see what platform events cost on disk
 * @param kinds       keep only events of these kinds ({@link LambdaEvent#kind()}, e.g. REPORT)
 *                    out of the {@code events} generated; empty keeps all
 */
public record DataSetSpec(long seed, long events, int hours, long endMillis, int batchEvents, boolean appLines,
                          Set<String> kinds) {
    public DataSetSpec {
        if (events <= 0 || hours <= 0 || batchEvents <= 0) {
            throw new IllegalArgumentException("events, hours and batch size must be positive");
        }
        kinds = new TreeSet<>(kinds);
    }

    public DataSetSpec(long seed, long events, int hours, long endMillis, int batchEvents) {
        this(seed, events, hours, endMillis, batchEvents, true, Set.of());
    }

    /** Whether an event of this kind is part of the data set. */
    public boolean keeps(LambdaEvent event) {
        return kinds.isEmpty() || kinds.contains(event.kind());
    }

    public long startMillis() {
        return endMillis - Duration.ofHours(hours).toMillis();
    }
}
