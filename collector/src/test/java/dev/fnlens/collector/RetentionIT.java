package dev.fnlens.collector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.store.LuceneStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --retention-days drops whole day partitions when the collector starts. */
class RetentionIT {
    @TempDir
    Path data;

    @Test
    void daysPastRetention_areDroppedAtStart_andTheRestKept() throws Exception {
        // given: an index with a day 40 days ago and one 10 days ago
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate old = today.minusDays(40);
        LocalDate recent = today.minusDays(10);
        try (LuceneStore store = LuceneStore.open(data.resolve("index"))) {
            store.add(1, List.of(event(old), event(recent)));
            store.commit(1);
        }

        // when
        try (Collector collector = Collector.start(CollectorConfig.defaults().withDataDir(data).withOtlpPort(0)
                .withHttpPort(0))) {
            // then
            assertThat(data.resolve("index").resolve(old.toString())).doesNotExist();
            assertThat(data.resolve("index").resolve(recent.toString())).exists();
            String metrics = new String(new TestHttp(collector.otlpPort(), collector.httpPort()).get("/metrics").body());
            assertThat(metrics).contains("fnlens_index_partitions 1.0");
        }
    }

    private static LogEvent event(LocalDate day) {
        long ts = day.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(12)).toEpochMilli();
        return LogEvent.of(ts, ts, "/aws/lambda/orders", "stream-1", "hello from " + day);
    }
}
