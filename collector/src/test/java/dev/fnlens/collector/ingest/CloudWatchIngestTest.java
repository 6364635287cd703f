package dev.fnlens.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.collector.event.LogEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloudWatchIngestTest {
    private static final long NOW = 1_767_225_600_000L;
    private static final String ID = "8f507cfc-xmpl-4697-b07a-ac58fc914c95";

    private final List<List<LogEvent>> appends = new ArrayList<>();
    private final CloudWatchIngest ingest = new CloudWatchIngest(appends::add);

    @Test
    void events_keepGroupStreamTimestamp_andTheirLambdaFields_inOneAppend() throws Exception {
        CloudWatchIngest.Result result = ingest.ingest(List.of(data(0,
                new SubscriptionMessage.Event("1", NOW - 5, "START RequestId: " + ID + " Version: $LATEST\n"),
                new SubscriptionMessage.Event("2", NOW - 1, "REPORT RequestId: " + ID + "\tDuration: 2.50 ms"
                        + "\tBilled Duration: 3 ms\tMemory Size: 128 MB\tMax Memory Used: 70 MB\t\n"))), NOW);

        assertThat(appends).hasSize(1);
        LogEvent start = appends.get(0).get(0);
        LogEvent report = appends.get(0).get(1);
        assertThat(start.message()).isEqualTo("START RequestId: " + ID + " Version: $LATEST");
        assertThat(start.log()).isEqualTo("/aws/lambda/orders");
        assertThat(start.logStream()).isEqualTo("2026/01/01/[$LATEST]0123");
        assertThat(start.timestamp()).isEqualTo(NOW - 5);
        assertThat(start.ingestionTime()).isEqualTo(NOW);
        assertThat(report.get("@type")).isEqualTo("REPORT");
        assertThat(report.get("@maxMemoryUsed")).isEqualTo(7.0E7);
        assertThat(result).isEqualTo(new CloudWatchIngest.Result(1, 0, 2, 2, List.of()));
    }

    @Test
    void tooOldTooNewAndTooLarge_areRejectedOneByOne_theRestKept() throws Exception {
        long fourteenDays = Duration.ofDays(14).toMillis();
        long twoHours = Duration.ofHours(2).toMillis();
        String largest = "x".repeat(CloudWatchIngest.MAX_EVENT_BYTES - CloudWatchIngest.EVENT_OVERHEAD_BYTES);

        CloudWatchIngest.Result result = ingest.ingest(List.of(data(3,
                new SubscriptionMessage.Event("old", NOW - fourteenDays - 1, "old"),
                new SubscriptionMessage.Event("oldest-kept", NOW - fourteenDays, "ok"),
                new SubscriptionMessage.Event("new", NOW + twoHours + 1, "new"),
                new SubscriptionMessage.Event("newest-kept", NOW + twoHours, "ok"),
                new SubscriptionMessage.Event("large", NOW, largest + "y"),
                new SubscriptionMessage.Event("largest-kept", NOW, largest))), NOW);

        assertThat(result.rejected()).containsExactly(
                new CloudWatchIngest.Rejected(3, 0, "old", "/aws/lambda/orders", NOW - fourteenDays - 1, CloudWatchIngest.Reason.TOO_OLD),
                new CloudWatchIngest.Rejected(3, 2, "new", "/aws/lambda/orders", NOW + twoHours + 1, CloudWatchIngest.Reason.TOO_NEW),
                new CloudWatchIngest.Rejected(3, 4, "large", "/aws/lambda/orders", NOW, CloudWatchIngest.Reason.TOO_LARGE));
        assertThat(result.received()).isEqualTo(6);
        assertThat(result.stored()).isEqualTo(3);
        assertThat(appends.get(0)).extracting(LogEvent::timestamp)
                .containsExactly(NOW - fourteenDays, NOW + twoHours, NOW);
    }

    @Test
    void size_countsUtf8Bytes_notCharacters() {
        String euros = "€".repeat((CloudWatchIngest.MAX_EVENT_BYTES - CloudWatchIngest.EVENT_OVERHEAD_BYTES) / 3 + 1);

        assertThat(CloudWatchIngest.utf8Length(euros)).isEqualTo(euros.getBytes(StandardCharsets.UTF_8).length);
        assertThat(CloudWatchIngest.utf8Length("a\u00e9\ud83d\ude00")).isEqualTo(1 + 2 + 4);
        assertThat(CloudWatchIngest.check(new SubscriptionMessage.Event("e", NOW, euros), NOW))
                .isEqualTo(CloudWatchIngest.Reason.TOO_LARGE);
    }

    @Test
    void controlMessages_andAllRejected_appendNothing() throws Exception {
        SubscriptionMessage control = new SubscriptionMessage(0, true, "CloudwatchLogs", "", "", List.of());

        CloudWatchIngest.Result result = ingest.ingest(List.of(control,
                data(1, new SubscriptionMessage.Event("old", 0, "old"))), NOW);

        assertThat(appends).isEmpty();
        assertThat(result.controlMessages()).isEqualTo(1);
        assertThat(result.dataMessages()).isEqualTo(1);
        assertThat(result.stored()).isZero();
        assertThat(result.rejected()).hasSize(1);
    }

    private static SubscriptionMessage data(int record, SubscriptionMessage.Event... events) {
        return new SubscriptionMessage(record, false, "123456789012", "/aws/lambda/orders", "2026/01/01/[$LATEST]0123",
                List.of(events));
    }
}
