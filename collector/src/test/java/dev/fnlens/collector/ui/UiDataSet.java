package dev.fnlens.collector.ui;

import static dev.fnlens.collector.OtlpFixtures.attr;
import static dev.fnlens.collector.OtlpFixtures.invocation;
import static dev.fnlens.collector.OtlpFixtures.logRecord;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.collector.OtlpFixtures;
import dev.fnlens.collector.TestHttp;
import dev.fnlens.semconv.FnlensAttributes;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Invocations with known answers, all within the last hour:
 *
 * <p>{@code orders} (1,024 MB): 20 invocations {@code orders-01..20} of 10, 20, ... 200 ms
 * (billed the same), so p50 100 ms, p95 190 ms, p99 200 ms (nearest rank). Cold starts:
 * 01 (init 300 ms) and 11 (init 500 ms): 2, 10%, average init 400 ms. Max memory used
 * 100 MB, except 15 at 150 MB. Errors: 05 and 06 throw IllegalStateException "out of stock"
 * at {@code dev.shop.Orders.reserve(Orders.java:42)}, 07 a NullPointerException whose
 * message is {@link #XSS}, 20 times out: 4 errors (20%), 1 timeout. Cost: 20 requests
 * ($0.000004) + 1,024 MB x 2,100 ms = 2.1 GB-s ($0.000035) = $0.000039. Right-sizing: 256 MB.
 * Each invocation logs {@code processing order N}; 03 also logs {@link #XSS}.
 *
 * <p>{@code billing} (256 MB): 5 warm invocations {@code billing-1..5} of 50 ms, 200 MB
 * used, no errors: cost 5 x $0.0000002 + 0.0625 GB-s = $0.000002.
 *
 * <p>Triggers and traces: each invocation is its own trace, except that {@code orders-05} (API Gateway,
 * {@code POST /orders}, answered 500) caused {@code billing-1} (SQS queue {@code billing-queue}, a batch of 1),
 * which starts 10 ms after it: both carry {@link #SHARED_TRACE}.
 */
public final class UiDataSet {
    public static final String XSS = "<img src=x onerror=alert(1)>";
    public static final String STACK = "java.lang.IllegalStateException: out of stock\n"
            + "\tat dev.shop.Orders.reserve(Orders.java:42)\n\tat dev.shop.Orders.handleRequest(Orders.java:17)";
    public static final String SHARED_TRACE = "1-0af76519-16cd43dd8448eb211c80319c";
    static final String BILLING_STREAM = "2026/01/02/[$LATEST]fedcba9876543210fedcba9876543210";

    private UiDataSet() {
    }

    /** Posts the data set, start times ending about a minute before {@code now}. */
    public static void post(TestHttp http, long now) {
        List<Span.Builder> orders = new ArrayList<>();
        List<LogRecord.Builder> orderLogs = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            String id = String.format("orders-%02d", i);
            long start = now - (45 - 2L * i) * 60_000; // every 2 minutes, the last one 5 minutes ago
            double duration = 10.0 * i;
            Span.Builder span = invocation(id, start)
                    .setName("orders")
                    .setEndTimeUnixNano((start + (long) duration) * 1_000_000)
                    .addAttributes(attr(FnlensAttributes.DURATION_MS, duration))
                    .addAttributes(attr(FnlensAttributes.BILLED_DURATION_MS, (long) duration))
                    .addAttributes(attr(FnlensAttributes.MEMORY_SIZE_MB, 1024))
                    .addAttributes(attr(FnlensAttributes.MAX_MEMORY_USED_MB, i == 15 ? 150 : 100));
            span.setTraceId(traceId(i == 5 ? SHARED_TRACE : "1-00000001-0000000000000000000000" + String.format("%02d", i)));
            if (i == 5) {
                span.addAttributes(attr(FnlensAttributes.FAAS_TRIGGER, "http"))
                        .addAttributes(attr(FnlensAttributes.TRIGGER_SOURCE, "aws:apigateway"))
                        .addAttributes(attr(FnlensAttributes.HTTP_REQUEST_METHOD, "POST"))
                        .addAttributes(attr(FnlensAttributes.HTTP_ROUTE, "/orders"))
                        .addAttributes(attr(FnlensAttributes.HTTP_RESPONSE_STATUS_CODE, 500L));
            }
            if (i == 1 || i == 11) {
                span.addAttributes(attr(FnlensAttributes.FAAS_COLDSTART, true))
                        .addAttributes(attr(FnlensAttributes.INIT_DURATION_MS, i == 1 ? 300.0 : 500.0));
            }
            if (i == 5 || i == 6) {
                failed(span, "java.lang.IllegalStateException", "out of stock", STACK);
            } else if (i == 7) {
                failed(span, "java.lang.NullPointerException", XSS,
                        "java.lang.NullPointerException\n\tat dev.shop.Orders.price(Orders.java:88)");
            } else if (i == 20) {
                span.addAttributes(attr(FnlensAttributes.STATUS, FnlensAttributes.STATUS_TIMEOUT))
                        .addAttributes(attr(FnlensAttributes.TIMEOUT_SECONDS, 0.2));
            }
            orders.add(span);
            orderLogs.add(logRecord(id, start + 1, "INFO", "processing order " + i));
            if (i == 3) {
                orderLogs.add(logRecord(id, start + 2, "INFO", XSS));
            }
        }
        List<Span.Builder> billing = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            long start = now - (40 - 5L * i) * 60_000 + (i == 1 ? 10 : 0);
            Span.Builder span = invocation("billing-" + i, start).setName("billing")
                    .setTraceId(traceId(i == 1 ? SHARED_TRACE : "1-00000002-00000000000000000000000" + i));
            if (i == 1) {
                span.addAttributes(attr(FnlensAttributes.FAAS_TRIGGER, "pubsub"))
                        .addAttributes(attr(FnlensAttributes.TRIGGER_SOURCE, "aws:sqs"))
                        .addAttributes(attr(FnlensAttributes.TRIGGER_RESOURCE, "billing-queue"))
                        .addAttributes(attr(FnlensAttributes.TRIGGER_BATCH_SIZE, 1L));
            }
            billing.add(span
                    .setEndTimeUnixNano((start + 50) * 1_000_000)
                    .addAttributes(attr(FnlensAttributes.DURATION_MS, 50.0))
                    .addAttributes(attr(FnlensAttributes.BILLED_DURATION_MS, 50))
                    .addAttributes(attr(FnlensAttributes.MEMORY_SIZE_MB, 256))
                    .addAttributes(attr(FnlensAttributes.MAX_MEMORY_USED_MB, 200)));
        }
        ok(http.post("/v1/traces", "application/x-protobuf",
                OtlpFixtures.traces("orders", OtlpFixtures.STREAM, orders.toArray(Span.Builder[]::new)).toByteArray()));
        ok(http.post("/v1/logs", "application/x-protobuf",
                OtlpFixtures.logs("orders", OtlpFixtures.STREAM, orderLogs.toArray(LogRecord.Builder[]::new)).toByteArray()));
        ok(http.post("/v1/traces", "application/x-protobuf",
                OtlpFixtures.traces("billing", BILLING_STREAM, billing.toArray(Span.Builder[]::new)).toByteArray()));
    }

    private static com.google.protobuf.ByteString traceId(String xray) {
        return com.google.protobuf.ByteString.copyFrom(java.util.HexFormat.of().parseHex(xray.replace("-", "").substring(1)));
    }

    private static void failed(Span.Builder span, String type, String message, String stack) {
        span.addAttributes(attr(FnlensAttributes.STATUS, FnlensAttributes.STATUS_ERROR))
                .addEvents(Span.Event.newBuilder().setName(FnlensAttributes.EXCEPTION_EVENT)
                        .addAttributes(attr(FnlensAttributes.EXCEPTION_TYPE, type))
                        .addAttributes(attr(FnlensAttributes.EXCEPTION_MESSAGE, message))
                        .addAttributes(attr(FnlensAttributes.EXCEPTION_STACKTRACE, stack)));
    }

    private static void ok(java.net.http.HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).isEqualTo(200);
    }
}
