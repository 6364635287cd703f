package dev.fnlens.local.sqs;

import dev.fnlens.local.template.QueueDefinition;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LocalQueueTest {
    final MutableClock clock = new MutableClock();
    final LocalQueue queue = new LocalQueue(new QueueDefinition("Orders", "orders", 30, 2), clock);

    @Test
    void receive_hidesMessagesForTheVisibilityTimeout_thenRedelivers() {
        String id = queue.send("a", Map.of());

        assertThat(queue.receive(10)).extracting(QueueMessage::messageId).containsExactly(id);
        assertThat(queue.receive(10)).isEmpty();
        clock.advance(Duration.ofSeconds(31));
        List<QueueMessage> again = queue.receive(10);
        assertThat(again).extracting(QueueMessage::receiveCount).containsExactly(2);
    }

    @Test
    void receive_respectsTheBatchSize_inSendOrder() {
        queue.send("1", Map.of());
        queue.send("2", Map.of());
        queue.send("3", Map.of());

        assertThat(queue.receive(2)).extracting(QueueMessage::body).containsExactly("1", "2");
        assertThat(queue.receive(2)).extracting(QueueMessage::body).containsExactly("3");
    }

    @Test
    void delete_removesTheMessage_butAStaleReceiptDoesNothing() {
        queue.send("a", Map.of());
        QueueMessage first = queue.receive(1).get(0);
        clock.advance(Duration.ofSeconds(31));
        QueueMessage second = queue.receive(1).get(0);

        queue.delete(first);
        assertThat(queue.depth()).isEqualTo(1);
        queue.delete(second);
        assertThat(queue.depth()).isZero();
    }

    @Test
    void aMessageReceivedMaxReceiveCountTimes_movesToTheDeadLetters() {
        queue.send("poison", Map.of());
        queue.receive(1);
        clock.advance(Duration.ofSeconds(31));
        queue.receive(1);
        clock.advance(Duration.ofSeconds(31));

        assertThat(queue.receive(1)).isEmpty();
        assertThat(queue.deadLetters()).extracting(QueueMessage::body).containsExactly("poison");
        assertThat(queue.depth()).isZero();
    }

    @Test
    void sqsEvent_hasTheShapeLambdaSends_andBatchFailuresAreRead() {
        queue.send("{\"q\":1}", Map.of("traceparent", "00-abc-def-01"));
        List<QueueMessage> batch = queue.receive(10);
        String event = new String(SqsEvents.batch("arn:aws:sqs:us-east-1:000000000000:orders", "us-east-1", batch),
                StandardCharsets.UTF_8);

        assertThat(event).contains("\"eventSource\":\"aws:sqs\"").contains("\"body\":\"{\\\"q\\\":1}\"")
                .contains("\"ApproximateReceiveCount\":\"1\"").contains("\"traceparent\":{\"stringValue\":\"00-abc-def-01\"");
        assertThat(SqsEvents.failedItems("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-2\"}]}".getBytes(StandardCharsets.UTF_8)))
                .containsExactly("m-2");
        assertThat(SqsEvents.failedItems("null".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(SqsEvents.failedItems("not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-26T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
