package dev.fnlens.collector.http;

import dev.fnlens.collector.event.IsoTime;
import dev.fnlens.collector.ingest.CloudWatchIngest;
import dev.fnlens.collector.ingest.FirehoseDecoder;
import dev.fnlens.collector.ingest.MalformedFirehoseException;
import dev.fnlens.collector.metrics.CollectorMetrics;
import io.javalin.http.Context;
import dev.fnlens.collector.wal.DiskFullException;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /cloudwatch/firehose} on the ingest port: CloudWatch Logs delivered by a Kinesis
 * Data Firehose HTTP endpoint destination (subscription filter -> Firehose -> fnlens).
 *
 * <p>Answers as Firehose's HTTP endpoint protocol asks: 200 with {@code {"requestId", "timestamp"}}
 * once the events are durable; otherwise 4xx/5xx with {@code {"requestId", "timestamp",
 * "errorMessage"}} (Firehose retries, then backs the records up to S3). The request id is the
 * {@code X-Amz-Firehose-Request-Id} header's, or the body's. Events PutLogEvents would refuse
 * are dropped one by one, counted, logged and summed up in the {@code X-Fnlens-Rejected-Events}
 * header; the request still succeeds.
 */
public final class FirehoseApi {
    static final String PATH = "/cloudwatch/firehose";
    static final String REQUEST_ID_HEADER = "X-Amz-Firehose-Request-Id";
    static final String ACCESS_KEY_HEADER = "X-Amz-Firehose-Access-Key";
    static final String REJECTED_HEADER = "X-Fnlens-Rejected-Events";
    /** Records may decompress to this many times the body limit, all together. */
    static final int INFLATE_FACTOR = 4;
    private static final Logger LOG = LoggerFactory.getLogger(FirehoseApi.class);
    private static final int LOGGED_REJECTIONS = 5;

    private final CloudWatchIngest ingest;
    private final CollectorMetrics metrics;
    private final IngestGate gate;
    private final IngestAuthorizer authorizer;

    public FirehoseApi(CloudWatchIngest ingest, CollectorMetrics metrics, IngestGate gate, IngestAuthorizer authorizer) {
        this.ingest = ingest;
        this.metrics = metrics;
        this.gate = gate;
        this.authorizer = authorizer;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.post(PATH, this::deliver);
    }

    private void deliver(Context ctx) throws InterruptedException {
        String requestId = ctx.header(REQUEST_ID_HEADER);
        try {
            if (!authorizer.allows(ctx.header(ACCESS_KEY_HEADER))) {
                throw new ApiException(401, "unauthorized", ACCESS_KEY_HEADER + " is missing or not an ingest token");
            }
            boolean gzip = BodyReader.isGzip(ctx.header("Content-Encoding"));
            gate.enter();
            try {
                byte[] raw = BodyReader.read(ctx.bodyInputStream(), ctx.req().getContentLengthLong(), gate.maxBodyBytes());
                metrics.bytesIngested("cloudwatch", raw.length);
                byte[] body = gzip ? BodyReader.gunzip(raw, gate.maxBodyBytes()) : raw;
                FirehoseDecoder.Request request = FirehoseDecoder.decode(body, maxInflatedBytes());
                requestId = requestId != null ? requestId : request.requestId();
                CloudWatchIngest.Result result = ingest.ingest(request.messages(), System.currentTimeMillis());
                count(result);
                if (!result.rejected().isEmpty()) {
                    ctx.header(REJECTED_HEADER, summary(result));
                    logRejections(requestId, result);
                }
                ctx.status(200).json(answer(requestId, null));
            } finally {
                gate.leave();
            }
        } catch (MalformedFirehoseException e) {
            fail(ctx, requestId, new ApiException(400, "malformed", e.getMessage()));
        } catch (FirehoseDecoder.InflatedTooLargeException e) {
            fail(ctx, requestId, new ApiException(413, "too_large", e.getMessage()));
        } catch (DiskFullException e) {
            fail(ctx, requestId, new ApiException(503, "disk_full", "events not stored: " + e.getMessage()));
        } catch (IOException e) {
            fail(ctx, requestId, new ApiException(503, "storage", "events not stored: " + e.getMessage()));
        } catch (ApiException e) {
            fail(ctx, requestId, e);
        } catch (RuntimeException e) {
            LOG.error("firehose request {} failed", printable(requestId), e);
            fail(ctx, requestId, new ApiException(500, "internal", "internal error, see the collector log"));
        }
    }

    private void fail(Context ctx, String requestId, ApiException e) {
        metrics.rejected(e.reason());
        IngestGate.drainRefused(e, ctx);
        if (e.status() != 500) {
            LOG.warn("firehose request {} refused with {}: {}", printable(requestId), e.status(), printable(e.getMessage()));
        }
        ctx.status(e.status()).json(answer(requestId, e.getMessage()));
    }

    private void count(CloudWatchIngest.Result result) {
        metrics.firehoseRecords("data", result.dataMessages());
        metrics.firehoseRecords("control", result.controlMessages());
        metrics.firehoseEvents(result.received());
        for (Map.Entry<CloudWatchIngest.Reason, Long> reason : byReason(result).entrySet()) {
            metrics.firehoseEventsRejected(reason.getKey().word(), reason.getValue());
        }
        metrics.eventsIngested("cloudwatch", result.stored());
    }

    /** {@code too_old=2, too_large=1}. */
    private static String summary(CloudWatchIngest.Result result) {
        return byReason(result).entrySet().stream().map(e -> e.getKey().word() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static Map<CloudWatchIngest.Reason, Long> byReason(CloudWatchIngest.Result result) {
        Map<CloudWatchIngest.Reason, Long> counts = new EnumMap<>(CloudWatchIngest.Reason.class);
        result.rejected().forEach(r -> counts.merge(r.reason(), 1L, Long::sum));
        return counts;
    }

    private static void logRejections(String requestId, CloudWatchIngest.Result result) {
        StringBuilder which = new StringBuilder();
        result.rejected().stream().limit(LOGGED_REJECTIONS).forEach(r -> which.append("; records[").append(r.record())
                .append("].logEvents[").append(r.event()).append("] id ").append(printable(r.id()))
                .append(" in ").append(printable(r.logGroup())).append(" at ").append(IsoTime.format(r.timestamp()))
                .append(": ").append(r.reason().description()));
        if (result.rejected().size() > LOGGED_REJECTIONS) {
            which.append("; ...");
        }
        LOG.warn("firehose request {}: {} of {} log events rejected ({}){}", printable(requestId),
                result.rejected().size(), result.received(), summary(result), which);
    }

    private long maxInflatedBytes() {
        long max = gate.maxBodyBytes();
        return max > Long.MAX_VALUE / INFLATE_FACTOR ? Long.MAX_VALUE : max * INFLATE_FACTOR;
    }

    private static Map<String, Object> answer(String requestId, String errorMessage) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("requestId", requestId);
        json.put("timestamp", System.currentTimeMillis());
        if (errorMessage != null) {
            json.put("errorMessage", errorMessage);
        }
        return json;
    }

    /** Untrusted text for one log line: control characters escaped, at most 200 characters. */
    private static String printable(String s) {
        if (s == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), 200));
        for (int i = 0; i < s.length() && out.length() < 200; i++) {
            char c = s.charAt(i);
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return s.length() > 200 ? out.append("...").toString() : out.toString();
    }
}
