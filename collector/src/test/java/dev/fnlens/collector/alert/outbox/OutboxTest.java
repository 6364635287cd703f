package dev.fnlens.collector.alert.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
    @TempDir
    Path dir;

    @Test
    void entries_surviveReopening_inOrder_withTheirAttempts() throws Exception {
        Outbox outbox = Outbox.open(dir);
        OutboxEntry a = outbox.add("ops", "errors", "application/json", "{\"a\":1}", 1000);
        OutboxEntry b = outbox.add("ops", "slow", "application/json", "{\"b\":2}", 2000);
        outbox.update(a.retryAt(5000, "HTTP 503"));
        assertThat(outbox.depth()).isEqualTo(2);

        Outbox again = Outbox.open(dir);

        assertThat(again.pending()).containsExactly(a.retryAt(5000, "HTTP 503"), b);
        assertThat(again.depth()).isEqualTo(2);
        assertThat(a.id()).startsWith("msg_").isNotEqualTo(b.id());
        again.remove(a);
        OutboxEntry c = again.add("ops", "errors", "application/json", "{}", 3000);
        assertThat(c.seq()).isGreaterThan(b.seq());
        assertThat(Outbox.open(dir).pending()).containsExactly(b, c);
    }

    @Test
    void unreadableAndHalfWrittenFiles_areSetAside() throws Exception {
        Outbox outbox = Outbox.open(dir);
        OutboxEntry a = outbox.add("ops", "errors", "application/json", "{}", 1000);
        Files.writeString(dir.resolve("00000000000000000007.json"), "{not json");
        Files.writeString(dir.resolve("00000000000000000008.json.tmp"), "{\"half");

        Outbox again = Outbox.open(dir);

        assertThat(again.pending()).containsExactly(a);
        assertThat(dir.resolve("00000000000000000007.json.bad")).exists();
        assertThat(dir.resolve("00000000000000000008.json.tmp")).doesNotExist();
    }

    @Test
    void backoff_growsExponentiallyWithJitter_andHonoursRetryAfter() {
        Delivery d = new Delivery(null, n -> null, null, new DeliveryOptions(java.time.Duration.ofSeconds(10),
                java.time.Duration.ofSeconds(1), java.time.Duration.ofMinutes(5), java.time.Duration.ofHours(24)),
                null, n -> { }, java.time.Clock.systemUTC());
        try {
            for (int i = 0; i < 50; i++) {
                assertThat(d.backoff(1, null).toMillis()).isBetween(500L, 1000L);
                assertThat(d.backoff(4, null).toMillis()).isBetween(4000L, 8000L);
                assertThat(d.backoff(20, null).toMillis()).isBetween(150_000L, 300_000L);
            }
            assertThat(d.backoff(1, java.time.Duration.ofSeconds(42))).hasSeconds(42);
            assertThat(d.backoff(1, java.time.Duration.ofDays(2))).hasHours(1);
        } finally {
            d.close();
        }
        assertThat(WebhookSender.retryAfter("120")).hasSeconds(120);
        assertThat(WebhookSender.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isZero();
        assertThat(WebhookSender.retryAfter("soon")).isNull();
    }
}
