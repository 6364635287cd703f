package dev.fnlens.collector.http;

import dev.fnlens.collector.ingest.MalformedOtlpException;
import dev.fnlens.collector.ingest.OtlpDecoder;
import dev.fnlens.collector.ingest.OtlpFormat;
import dev.fnlens.collector.ingest.OtlpIngest;
import dev.fnlens.collector.metrics.CollectorMetrics;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * OTLP/HTTP on the ingest port: {@code POST /v1/traces} and {@code POST /v1/logs}, protobuf
 * or JSON, optionally gzip. Answers 200 only once the events are durable.
 */
public final class IngestApi {
    /** Requests decoded at once; bounds memory at about this many times the body limit. */
    static final int MAX_IN_FLIGHT = 8;
    /** How much of a refused body is read and thrown away so the client sees the answer. */
    static final long MAX_DISCARD_BYTES = 64L * 1024 * 1024;

    private final OtlpIngest ingest;
    private final CollectorMetrics metrics;
    private final long maxBodyBytes;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

    public IngestApi(OtlpIngest ingest, CollectorMetrics metrics, long maxBodyBytes) {
        this.ingest = ingest;
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.post("/v1/traces", ctx -> export(ctx, "traces"));
        routes.post("/v1/logs", ctx -> export(ctx, "logs"));
    }

    private void export(Context ctx, String signal) throws InterruptedException {
        try {
            OtlpFormat format = OtlpFormat.ofContentType(ctx.header("Content-Type")).orElseThrow(() ->
                    new ApiException(415, "unsupported_media_type",
                            "Content-Type must be application/x-protobuf or application/json, got '"
                                    + ctx.header("Content-Type") + "'"));
            boolean gzip = BodyReader.isGzip(ctx.header("Content-Encoding"));
            if (!inFlight.tryAcquire(10, TimeUnit.SECONDS)) {
                throw new ApiException(503, "busy", "collector busy, retry later");
            }
            try {
                byte[] raw = BodyReader.read(ctx.bodyInputStream(), ctx.req().getContentLengthLong(), maxBodyBytes);
                metrics.bytesIngested(signal, raw.length);
                byte[] body = gzip ? BodyReader.gunzip(raw, maxBodyBytes) : raw;
                long now = System.currentTimeMillis();
                OtlpIngest.Accepted accepted = signal.equals("traces")
                        ? ingest.traces(body, format, now) : ingest.logs(body, format, now);
                metrics.eventsIngested(signal, accepted.events());
                ctx.status(200).contentType(format.mediaType()).result(OtlpDecoder.encode(accepted.response(), format));
            } finally {
                inFlight.release();
            }
        } catch (MalformedOtlpException e) {
            throw rejected(new ApiException(400, "malformed", e.getMessage()), ctx);
        } catch (IOException e) {
            throw rejected(new ApiException(503, "storage", "events not stored: " + e.getMessage()), ctx);
        } catch (ApiException e) {
            throw rejected(e, ctx);
        }
    }

    private ApiException rejected(ApiException e, Context ctx) {
        metrics.rejected(e.reason());
        // Closing with the body unread would reset the connection and the client might
        // never see the answer: read the rest (never into memory), up to a bound.
        if ((e.status() == 413 || e.status() == 415) && !discardRest(ctx)) {
            ctx.header("Connection", "close");
        }
        return e;
    }

    private static boolean discardRest(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > MAX_DISCARD_BYTES) {
            return false;
        }
        try {
            return BodyReader.discard(ctx.bodyInputStream(), MAX_DISCARD_BYTES);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
