package dev.fnlens.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.bench.fnlens.OtlpBatch;
import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.ingest.OtlpMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** fnlens and OpenSearch must hold the same events: the collector's own mapper is the judge. */
class OtlpMatchesCollectorTest {

    @Test
    void otlpBatch_becomesExactlyTheLinesSentToOpenSearch() {
        long now = System.currentTimeMillis();
        DataSetSpec spec = new DataSetSpec(11, 20_000, 3, now, 2_000);
        List<LambdaEvent> expected = new ArrayList<>();
        List<LogEvent> actual = new ArrayList<>();

        List<Invocation> all = new ArrayList<>();
        new InvocationGenerator(spec).forEachRemaining(all::add);
        for (int from = 0; from < all.size(); from += 500) {
            List<Invocation> batch = all.subList(from, Math.min(all.size(), from + 500));
            batch.forEach(inv -> expected.addAll(CloudWatchLines.of(inv)));
            OtlpMapper.Mapped traces = OtlpMapper.traces(OtlpBatch.traces(batch), now);
            assertThat(traces.rejected()).isZero();
            actual.addAll(traces.events());
            var logs = OtlpBatch.logs(batch);
            if (logs != null) {
                actual.addAll(OtlpMapper.logs(logs, now).events());
            }
        }

        Comparator<Object[]> order = Comparator.comparing((Object[] k) -> (String) k[0]);
        Function<LambdaEvent, Object[]> fromExpected = e -> new Object[] {key(e.timestamp(), e.log(), e.logStream(),
                e.message()), Map.of("type", String.valueOf(e.type()), "requestId", e.requestId(),
                "duration", String.valueOf(e.duration()), "memory", String.valueOf(e.memorySize()),
                "maxUsed", String.valueOf(e.maxMemoryUsed()), "init", String.valueOf(e.initDuration()),
                "billed", String.valueOf(e.billedDuration()))};
        Function<LogEvent, Object[]> fromActual = e -> new Object[] {key(e.timestamp(), e.log(), e.logStream(),
                e.message()), Map.of("type", String.valueOf(e.get("@type")),
                "requestId", String.valueOf(e.get("@requestId")),
                "duration", String.valueOf(e.get("@duration")), "memory", String.valueOf(e.get("@memorySize")),
                "maxUsed", String.valueOf(e.get("@maxMemoryUsed")), "init", String.valueOf(e.get("@initDuration")),
                "billed", String.valueOf(e.get("@billedDuration")))};
        List<Object[]> want = expected.stream().map(fromExpected).sorted(order).toList();
        List<Object[]> got = actual.stream().map(fromActual).sorted(order).toList();

        assertThat(got).hasSameSizeAs(want);
        for (int i = 0; i < want.size(); i++) {
            assertThat(got.get(i)).as("event %d", i).containsExactly(want.get(i));
        }
    }

    private static String key(long ts, String log, String stream, String message) {
        return ts + "|" + log + "|" + stream + "|" + message;
    }
}
