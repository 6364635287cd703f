package dev.fnlens.collector.ingest;

import dev.fnlens.collector.event.LogEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CloudWatch Logs subscription messages to durable events. Each log event keeps its group,
 * stream, timestamp and line; its fields are discovered from the line like any other
 * (Lambda platform lines in text or JSON format, application lines, JSON).
 *
 * <p>Validation is PutLogEvents': an event more than 14 days old, more than 2 hours ahead,
 * or over 1 MB (UTF-8 bytes of the message plus 26) is rejected on its own, reported, and
 * the rest is kept. All kept events of a request are appended at once, so a request is
 * stored whole or not at all. {@code CONTROL_MESSAGE}s have nothing to keep.
 */
public final class CloudWatchIngest {
    /** PutLogEvents' per-event limit: UTF-8 bytes of the message plus {@value #EVENT_OVERHEAD_BYTES}. */
    public static final int MAX_EVENT_BYTES = 1_048_576;
    public static final int EVENT_OVERHEAD_BYTES = 26;

    private final EventSink sink;

    /** Why PutLogEvents would refuse an event; {@link #word()} is its metrics tag. */
    public enum Reason {
        TOO_OLD("more than 14 days old"),
        TOO_NEW("more than 2 hours ahead"),
        TOO_LARGE("over 1,048,576 bytes (UTF-8 message + 26)");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        public String description() {
            return description;
        }
    }

    /** One refused event, located as in the request: {@code records[record].logEvents[event]}. */
    public record Rejected(int record, int event, String id, String logGroup, long timestamp, Reason reason) {
    }

    /**
     * What one request brought and what was kept.
     *
     * @param dataMessages    subscription messages with events
     * @param controlMessages CloudWatch's reachability checks, acknowledged and skipped
     * @param received        log events in the data messages
     * @param stored          log events made durable
     */
    public record Result(int dataMessages, int controlMessages, int received, int stored, List<Rejected> rejected) {
        public Result {
            rejected = List.copyOf(rejected);
        }
    }

    public CloudWatchIngest(EventSink sink) {
        this.sink = sink;
    }

    /** Validates, maps and stores; returns once the kept events are durable. */
    public Result ingest(List<SubscriptionMessage> messages, long now) throws IOException {
        List<LogEvent> events = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        int data = 0;
        int control = 0;
        int received = 0;
        for (SubscriptionMessage message : messages) {
            if (message.control()) {
                control++;
                continue;
            }
            data++;
            List<SubscriptionMessage.Event> logEvents = message.logEvents();
            for (int i = 0; i < logEvents.size(); i++) {
                SubscriptionMessage.Event e = logEvents.get(i);
                received++;
                Reason reason = check(e, now);
                if (reason != null) {
                    rejected.add(new Rejected(message.record(), i, e.id(), message.logGroup(), e.timestamp(), reason));
                } else {
                    events.add(LogEvent.of(e.timestamp(), now, message.logGroup(), message.logStream(),
                            stripTrailingNewlines(e.message())));
                }
            }
        }
        if (!events.isEmpty()) {
            sink.append(events);
        }
        return new Result(data, control, received, events.size(), rejected);
    }

    /** PutLogEvents' rule for one event, or null when it is kept. */
    static Reason check(SubscriptionMessage.Event e, long now) {
        if (e.timestamp() < now - OtlpMapper.MAX_AGE_MS) {
            return Reason.TOO_OLD;
        }
        if (e.timestamp() > now + OtlpMapper.MAX_AHEAD_MS) {
            return Reason.TOO_NEW;
        }
        if (utf8Length(e.message()) + EVENT_OVERHEAD_BYTES > MAX_EVENT_BYTES) {
            return Reason.TOO_LARGE;
        }
        return null;
    }

    static long utf8Length(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes++; // a lone surrogate is encoded as '?'
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Lambda ends each line with a newline; the event is the line without it, as on the agent path. */
    private static String stripTrailingNewlines(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return end == s.length() ? s : s.substring(0, end);
    }
}
