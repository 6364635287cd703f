package dev.fnlens.local.sqs;

import dev.fnlens.local.template.QueueDefinition;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An in-memory SQS queue with SQS's delivery rules: a received message is invisible for the visibility
 * timeout; if it is not deleted by then it becomes visible again; once it has been received
 * {@code maxReceiveCount} times without being deleted it moves to the dead-letter list.
 */
public final class LocalQueue {
    private final QueueDefinition definition;
    private final Clock clock;
    private final Map<String, Entry> messages = new LinkedHashMap<>();
    private final List<QueueMessage> deadLetters = new ArrayList<>();

    private static final class Entry {
        final String id;
        final String body;
        final Map<String, String> attributes;
        final long sentAt;
        long firstReceivedAt;
        long visibleAt;
        int receiveCount;
        String receiptHandle;

        Entry(String id, String body, Map<String, String> attributes, long sentAt) {
            this.id = id;
            this.body = body;
            this.attributes = attributes;
            this.sentAt = sentAt;
        }

        QueueMessage view() {
            return new QueueMessage(id, receiptHandle, body, attributes, sentAt, firstReceivedAt, receiveCount);
        }
    }

    public LocalQueue(QueueDefinition definition, Clock clock) {
        this.definition = definition;
        this.clock = clock;
    }

    public String name() {
        return definition.name();
    }

    public synchronized String send(String body, Map<String, String> attributes) {
        String id = UUID.randomUUID().toString();
        messages.put(id, new Entry(id, body, Map.copyOf(attributes), clock.millis()));
        notifyAll();
        return id;
    }

    /** Up to {@code max} visible messages, now invisible for the visibility timeout. */
    public synchronized List<QueueMessage> receive(int max) {
        long now = clock.millis();
        List<QueueMessage> batch = new ArrayList<>();
        Iterator<Entry> it = messages.values().iterator();
        while (it.hasNext() && batch.size() < max) {
            Entry e = it.next();
            if (e.visibleAt > now) {
                continue;
            }
            if (e.receiveCount >= definition.maxReceiveCount()) {
                it.remove();
                deadLetters.add(e.view());
                continue;
            }
            e.receiveCount++;
            if (e.firstReceivedAt == 0) {
                e.firstReceivedAt = now;
            }
            e.visibleAt = now + definition.visibilityTimeoutSeconds() * 1000L;
            e.receiptHandle = UUID.randomUUID().toString();
            batch.add(e.view());
        }
        return batch;
    }

    /** Waits up to {@code waitMillis} for visible messages (long polling). */
    public synchronized List<QueueMessage> receive(int max, long waitMillis) throws InterruptedException {
        long deadline = clock.millis() + waitMillis;
        List<QueueMessage> batch = receive(max);
        while (batch.isEmpty() && clock.millis() < deadline) {
            wait(Math.max(1, Math.min(250, deadline - clock.millis())));
            batch = receive(max);
        }
        return batch;
    }

    /** Deletes a received message; a stale receipt (the message was received again since) is ignored, as in SQS. */
    public synchronized void delete(QueueMessage message) {
        Entry e = messages.get(message.messageId());
        if (e != null && message.receiptHandle().equals(e.receiptHandle)) {
            messages.remove(message.messageId());
        }
    }

    public synchronized void deleteAll(Collection<QueueMessage> batch) {
        batch.forEach(this::delete);
    }

    public synchronized int depth() {
        return messages.size();
    }

    public synchronized List<QueueMessage> deadLetters() {
        return List.copyOf(deadLetters);
    }

    public QueueDefinition definition() {
        return definition;
    }
}
