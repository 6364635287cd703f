package dev.fnlens.collector.ingest;

import dev.fnlens.collector.event.LogEvent;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Whole OTLP export requests to log events. Like PutLogEvents, items too far in the past
 * or future are rejected one by one and the rest is kept: an unbounded timestamp would
 * otherwise create an index partition per day it names. A message over the event size
 * limit is cut, as Lambda cuts log events over 256 KB, and the cut is reported.
 */
public final class OtlpMapper {
    static final long MAX_AGE_MS = Duration.ofDays(14).toMillis();
    static final long MAX_AHEAD_MS = Duration.ofHours(2).toMillis();

    /**
     * The events of one request, how many spans or log records were refused and why, and
     * how many messages were cut; {@link #warning()} says both for the OTLP partial success.
     */
    public record Mapped(List<LogEvent> events, long rejected, String rejectReason, int cut, int maxEventBytes) {
        public String warning() {
            String cutText = cut == 0 ? "" : cut + (cut == 1 ? " message" : " messages") + " cut to "
                    + maxEventBytes + " bytes (max-event-bytes)";
            return rejectReason.isEmpty() ? cutText : cutText.isEmpty() ? rejectReason : rejectReason + "; " + cutText;
        }
    }

    private OtlpMapper() {
    }

    public static Mapped traces(ExportTraceServiceRequest request, long now) {
        return traces(request, now, IngestLimits.DEFAULT_MAX_EVENT_BYTES);
    }

    public static Mapped traces(ExportTraceServiceRequest request, long now, int maxEventBytes) {
        List<LogEvent> events = new ArrayList<>();
        long rejected = 0;
        for (ResourceSpans rs : request.getResourceSpansList()) {
            ResourceInfo resource = ResourceInfo.of(rs.getResource(), now);
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span span : ss.getSpansList()) {
                    long end = Math.max(span.getEndTimeUnixNano(), span.getStartTimeUnixNano()) / 1_000_000;
                    if (!inWindow(end, now)) {
                        rejected++;
                        continue;
                    }
                    events.addAll(InvocationLines.of(span, resource, now));
                }
            }
        }
        int cut = cut(events, maxEventBytes);
        return new Mapped(events, rejected, rejected == 0 ? "" : outOfWindow("spans", rejected), cut, maxEventBytes);
    }

    public static Mapped logs(ExportLogsServiceRequest request, long now) {
        return logs(request, now, IngestLimits.DEFAULT_MAX_EVENT_BYTES);
    }

    public static Mapped logs(ExportLogsServiceRequest request, long now, int maxEventBytes) {
        List<LogEvent> events = new ArrayList<>();
        long rejected = 0;
        for (ResourceLogs rl : request.getResourceLogsList()) {
            ResourceInfo resource = ResourceInfo.of(rl.getResource(), now);
            for (ScopeLogs sl : rl.getScopeLogsList()) {
                for (LogRecord record : sl.getLogRecordsList()) {
                    LogEvent event = LogRecordLines.of(record, resource, now);
                    if (!inWindow(event.timestamp(), now)) {
                        rejected++;
                        continue;
                    }
                    events.add(event);
                }
            }
        }
        int cut = cut(events, maxEventBytes);
        return new Mapped(events, rejected, rejected == 0 ? "" : outOfWindow("log records", rejected), cut,
                maxEventBytes);
    }

    private static boolean inWindow(long timestamp, long now) {
        return timestamp >= now - MAX_AGE_MS && timestamp <= now + MAX_AHEAD_MS;
    }

    private static String outOfWindow(String what, long n) {
        return n + " " + what + " rejected: timestamp more than 14 days old or 2 hours ahead";
    }

    /** Cuts every message over {@code maxBytes} UTF-8 bytes in place; returns how many were cut. */
    private static int cut(List<LogEvent> events, int maxBytes) {
        int cut = 0;
        for (int i = 0; i < events.size(); i++) {
            LogEvent e = events.get(i);
            int end = Utf8.prefixWithin(e.message(), maxBytes);
            if (end < e.message().length()) {
                events.set(i, LogEvent.of(e.timestamp(), e.ingestionTime(), e.log(), e.logStream(),
                        e.message().substring(0, end)));
                cut++;
            }
        }
        return cut;
    }
}
