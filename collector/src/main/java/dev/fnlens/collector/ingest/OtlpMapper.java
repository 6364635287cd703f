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
 * otherwise create an index partition per day it names.
 */
public final class OtlpMapper {
    /** CloudWatch's per-event limit (256 KB before 2025); longer messages are cut. */
    public static final int MAX_MESSAGE_CHARS = 256 * 1024;
    static final long MAX_AGE_MS = Duration.ofDays(14).toMillis();
    static final long MAX_AHEAD_MS = Duration.ofHours(2).toMillis();

    /** The events of one request, and how many spans or log records were refused. */
    public record Mapped(List<LogEvent> events, long rejected, String rejectReason) {
    }

    private OtlpMapper() {
    }

    public static Mapped traces(ExportTraceServiceRequest request, long now) {
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
                    InvocationLines.of(span, resource, now).forEach(e -> events.add(clip(e)));
                }
            }
        }
        return new Mapped(events, rejected, rejected == 0 ? "" : outOfWindow("spans", rejected));
    }

    public static Mapped logs(ExportLogsServiceRequest request, long now) {
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
                    events.add(clip(event));
                }
            }
        }
        return new Mapped(events, rejected, rejected == 0 ? "" : outOfWindow("log records", rejected));
    }

    private static boolean inWindow(long timestamp, long now) {
        return timestamp >= now - MAX_AGE_MS && timestamp <= now + MAX_AHEAD_MS;
    }

    private static String outOfWindow(String what, long n) {
        return n + " " + what + " rejected: timestamp more than 14 days old or 2 hours ahead";
    }

    private static LogEvent clip(LogEvent e) {
        if (e.message().length() <= MAX_MESSAGE_CHARS) {
            return e;
        }
        return LogEvent.of(e.timestamp(), e.ingestionTime(), e.log(), e.logStream(),
                e.message().substring(0, MAX_MESSAGE_CHARS));
    }
}
