package dev.fnlens.collector.http;

import dev.fnlens.collector.ingest.LimitExceededException;
import dev.fnlens.collector.ingest.MalformedOtlpException;
import dev.fnlens.collector.ingest.OtlpDecoder;
import dev.fnlens.collector.ingest.OtlpFormat;
import dev.fnlens.collector.ingest.OtlpIngest;
import dev.fnlens.collector.metrics.CollectorMetrics;
import dev.fnlens.collector.wal.DiskFullException;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;

/**
 * OTLP/HTTP on the ingest port: {@code POST /v1/traces} and {@code POST /v1/logs}, protobuf
 * or JSON, optionally gzip. Answers 200 only once the events are durable.
 */
public final class IngestApi {
    private final OtlpIngest ingest;
    private final CollectorMetrics metrics;
    private final IngestGate gate;

    public IngestApi(OtlpIngest ingest, CollectorMetrics metrics, IngestGate gate) {
        this.ingest = ingest;
        this.metrics = metrics;
        this.gate = gate;
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
            gate.enter();
            try {
                byte[] raw = BodyReader.read(ctx.bodyInputStream(), ctx.req().getContentLengthLong(), gate.maxBodyBytes());
                metrics.bytesIngested(signal, raw.length);
                byte[] body = gzip ? BodyReader.gunzip(raw, gate.maxBodyBytes()) : raw;
                long now = System.currentTimeMillis();
                OtlpIngest.Accepted accepted = signal.equals("traces")
                        ? ingest.traces(body, format, now) : ingest.logs(body, format, now);
                metrics.eventsIngested(signal, accepted.events());
                ctx.status(200).contentType(format.mediaType()).result(OtlpDecoder.encode(accepted.response(), format));
            } finally {
                gate.leave();
            }
        } catch (LimitExceededException e) {
            throw rejected(new ApiException(e.wholeRequest() ? 413 : 400, e.limit(), e.getMessage()), ctx);
        } catch (MalformedOtlpException e) {
            throw rejected(new ApiException(400, "malformed", e.getMessage()), ctx);
        } catch (DiskFullException e) {
            throw rejected(new ApiException(503, "disk_full", "events not stored: " + e.getMessage()), ctx);
        } catch (IOException e) {
            throw rejected(new ApiException(503, "storage", "events not stored: " + e.getMessage()), ctx);
        } catch (ApiException e) {
            throw rejected(e, ctx);
        }
    }

    private ApiException rejected(ApiException e, Context ctx) {
        metrics.rejected(e.reason());
        IngestGate.drainRefused(e, ctx);
        return e;
    }
}
