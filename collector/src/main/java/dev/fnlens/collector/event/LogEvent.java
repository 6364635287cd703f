package dev.fnlens.collector.event;

import dev.fnlens.query.FieldSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One CloudWatch-style log event: a line in a log group and stream, plus the fields
 * discovered in it.
 *
 * <p>{@link #get(String)} answers the names Logs Insights uses: the system fields
 * {@code @timestamp} and {@code @ingestionTime} (epoch milliseconds, {@code Long}),
 * {@code @message}, {@code @log} (the log group name), {@code @logStream}; the Lambda
 * fields {@code @type}, {@code @requestId}, {@code @duration}, {@code @billedDuration},
 * {@code @initDuration} (milliseconds, {@code Double}), {@code @memorySize},
 * {@code @maxMemoryUsed} (bytes, decimal, {@code Double}), {@code @xrayTraceId}, {@code @xraySegmentId};
 * fnlens's {@code @status}, {@code @errorType}, {@code @restoreDuration},
 * {@code @billedRestoreDuration}, {@code @trigger}, {@code @triggerResource}, {@code @httpRoute}, {@code @httpStatus}
 * and {@code @batchSize} where a REPORT line has them; and JSON fields in dot
 * notation ({@code a.items.0.id}; {@code String}, {@code Long}, {@code Double} or {@code Boolean}).
 * A field the event does not have is {@code null}. It is the query engine's
 * {@link FieldSource}, so Insights queries run over events directly.
 *
 * @param timestamp     when it happened, epoch ms
 * @param ingestionTime when the collector received it, epoch ms
 * @param log           log group, e.g. {@code /aws/lambda/orders}
 * @param logStream     log stream, one per function instance
 * @param message       the raw line
 * @param fields        discovered fields, in discovery order (see {@link MessageFields})
 */
public record LogEvent(long timestamp, long ingestionTime, String log, String logStream, String message,
                       Map<String, Object> fields) implements FieldSource {

    public static final String TIMESTAMP = "@timestamp";
    public static final String INGESTION_TIME = "@ingestionTime";
    public static final String MESSAGE = "@message";
    public static final String LOG = "@log";
    public static final String LOG_STREAM = "@logStream";
    public static final String TYPE = "@type";
    public static final String REQUEST_ID = "@requestId";
    public static final String DURATION = "@duration";
    public static final String BILLED_DURATION = "@billedDuration";
    public static final String MEMORY_SIZE = "@memorySize";
    public static final String MAX_MEMORY_USED = "@maxMemoryUsed";
    public static final String INIT_DURATION = "@initDuration";
    public static final String XRAY_TRACE_ID = "@xrayTraceId";
    public static final String XRAY_SEGMENT_ID = "@xraySegmentId";
    /** fnlens additions, from REPORT lines that carry them: {@code Status}, {@code Error Type}, SnapStart restore. */
    public static final String STATUS = "@status";
    public static final String ERROR_TYPE = "@errorType";
    public static final String RESTORE_DURATION = "@restoreDuration";
    public static final String BILLED_RESTORE_DURATION = "@billedRestoreDuration";
    /** fnlens additions to REPORT lines, from the agent: what invoked the function (see {@code InvocationLines}). */
    public static final String TRIGGER = "@trigger";
    public static final String TRIGGER_RESOURCE = "@triggerResource";
    public static final String HTTP_ROUTE = "@httpRoute";
    public static final String HTTP_STATUS = "@httpStatus";
    public static final String BATCH_SIZE = "@batchSize";

    public LogEvent {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(logStream, "logStream");
        Objects.requireNonNull(message, "message");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** An event whose fields are discovered from its message, as CloudWatch does at ingest. */
    public static LogEvent of(long timestamp, long ingestionTime, String log, String logStream, String message) {
        return new LogEvent(timestamp, ingestionTime, log, logStream, message, MessageFields.discover(message));
    }

    /** The value of a field by its Logs Insights name, or {@code null}. */
    @Override
    public Object get(String field) {
        return switch (field) {
            case TIMESTAMP -> timestamp;
            case INGESTION_TIME -> ingestionTime;
            case MESSAGE -> message;
            case LOG -> log;
            case LOG_STREAM -> logStream;
            default -> fields.get(field);
        };
    }
}
