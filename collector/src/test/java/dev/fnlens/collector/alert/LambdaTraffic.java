package dev.fnlens.collector.alert;

import static dev.fnlens.collector.OtlpFixtures.attr;

import dev.fnlens.collector.OtlpFixtures;
import dev.fnlens.collector.TestHttp;
import dev.fnlens.semconv.FnlensAttributes;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Invocations of one function sent to the collector as the agent sends them (OTLP protobuf), stamped now. */
final class LambdaTraffic {
    private final TestHttp http;
    private final String function;

    LambdaTraffic(TestHttp http, String function) {
        this.http = http;
        this.function = function;
    }

    /** {@code ok} successful and {@code failed} failed invocations (an exception: an error line each). */
    void send(int ok, int failed) {
        long now = System.currentTimeMillis();
        List<Span.Builder> spans = new ArrayList<>();
        for (int i = 0; i < ok; i++) {
            spans.add(OtlpFixtures.invocation(UUID.randomUUID().toString(), now - 103).setName(function));
        }
        for (int i = 0; i < failed; i++) {
            spans.add(OtlpFixtures.invocation(UUID.randomUUID().toString(), now - 103).setName(function)
                    .addAttributes(attr(FnlensAttributes.STATUS, FnlensAttributes.STATUS_ERROR))
                    .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR))
                    .addEvents(Span.Event.newBuilder().setName("exception").setTimeUnixNano((now - 50) * 1_000_000)
                            .addAttributes(attr("exception.type", "java.lang.IllegalStateException"))
                            .addAttributes(attr("exception.message", "order not found"))));
        }
        int status = http.post("/v1/traces", "application/x-protobuf", OtlpFixtures.traces(function, OtlpFixtures.STREAM,
                spans.toArray(Span.Builder[]::new)).toByteArray()).statusCode();
        if (status != 200) {
            throw new IllegalStateException("ingest answered " + status);
        }
    }
}
