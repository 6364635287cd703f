package dev.fnlens.collector.ingest;

import static dev.fnlens.collector.OtlpFixtures.attr;
import static dev.fnlens.collector.OtlpFixtures.invocation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fnlens.collector.OtlpFixtures;
import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.semconv.FnlensAttributes;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvocationLinesTest {
    private static final long START = 1_767_323_403_173L; // 2026-01-02T03:10:03.173Z
    private static final String ID = "8f507cfc-xmpl-4697-b07a-ac58fc914c95";
    /** The fixture span's trace and span id, as Lambda writes them with active tracing. */
    private static final String XRAY = OtlpFixtures.xraySuffix(ID);
    private final ResourceInfo resource = ResourceInfo.of(OtlpFixtures.resource("orders", OtlpFixtures.STREAM), START);

    @Test
    void warmInvocation_givesStartEndReport_withoutInitDuration() {
        List<LogEvent> lines = InvocationLines.of(invocation(ID, START).build(), resource, START + 200);

        assertThat(lines).extracting(LogEvent::message).containsExactly(
                "START RequestId: " + ID + " Version: $LATEST",
                "END RequestId: " + ID,
                "REPORT RequestId: " + ID + "\tDuration: 102.25 ms\tBilled Duration: 103 ms"
                        + "\tMemory Size: 512 MB\tMax Memory Used: 90 MB" + XRAY);
        assertThat(lines).extracting(LogEvent::log).containsOnly("/aws/lambda/orders");
        assertThat(lines).extracting(LogEvent::logStream).containsOnly(OtlpFixtures.STREAM);
        assertThat(lines.get(0).timestamp()).isEqualTo(START);
        assertThat(lines.get(2).timestamp()).isEqualTo(START + 102);
    }

    @Test
    void reportLine_hasInitDuration_onColdStartOnly() {
        Span cold = invocation(ID, START)
                .addAttributes(attr(FnlensAttributes.FAAS_COLDSTART, true))
                .addAttributes(attr(FnlensAttributes.INIT_DURATION_MS, 320.11))
                .build();
        Span warmWithInit = invocation(ID, START)
                .addAttributes(attr(FnlensAttributes.INIT_DURATION_MS, 320.11))
                .build();

        assertThat(report(cold)).isEqualTo("REPORT RequestId: " + ID + "\tDuration: 102.25 ms\tBilled Duration: 103 ms"
                + "\tMemory Size: 512 MB\tMax Memory Used: 90 MB\tInit Duration: 320.11 ms" + XRAY);
        assertThat(report(warmWithInit)).doesNotContain("Init Duration");
    }

    @Test
    void billedDuration_isDurationRoundedUp_whenNotSent_andDurationHasTwoDecimals() {
        Span span = Span.newBuilder()
                .setStartTimeUnixNano(START * 1_000_000)
                .setEndTimeUnixNano(START * 1_000_000 + 10_001_000)
                .addAttributes(attr(FnlensAttributes.FAAS_INVOCATION_ID, ID))
                .build();
        Resource withMaxMemory = OtlpFixtures.resource("orders", OtlpFixtures.STREAM).toBuilder()
                .addAttributes(attr(FnlensAttributes.FAAS_MAX_MEMORY, 128L * 1024 * 1024)).build();

        List<LogEvent> lines = InvocationLines.of(span, ResourceInfo.of(withMaxMemory, START), START);

        assertThat(lines.get(2).message()).isEqualTo(
                "REPORT RequestId: " + ID + "\tDuration: 10.00 ms\tBilled Duration: 11 ms\tMemory Size: 128 MB");
        assertThat(lines.get(2).get("@memorySize")).isEqualTo(1.28E8);
    }

    @Test
    void reportLine_namesTheTrigger_queueAndBatch_orRouteAndStatus_andItsFieldsAreDiscovered() {
        Span sqs = invocation(ID, START)
                .addAttributes(attr(FnlensAttributes.FAAS_TRIGGER, "pubsub"))
                .addAttributes(attr(FnlensAttributes.TRIGGER_SOURCE, "aws:sqs"))
                .addAttributes(attr(FnlensAttributes.TRIGGER_RESOURCE, "orders-queue"))
                .addAttributes(attr(FnlensAttributes.TRIGGER_BATCH_SIZE, 10L)).build();
        Span http = invocation(ID, START)
                .addAttributes(attr(FnlensAttributes.FAAS_TRIGGER, "http"))
                .addAttributes(attr(FnlensAttributes.TRIGGER_SOURCE, "aws:apigateway"))
                .addAttributes(attr(FnlensAttributes.HTTP_REQUEST_METHOD, "GET"))
                .addAttributes(attr(FnlensAttributes.HTTP_ROUTE, "/orders/{id}\tinjected: 1"))
                .addAttributes(attr(FnlensAttributes.HTTP_RESPONSE_STATUS_CODE, 502L)).build();
        Span direct = invocation(ID, START).addAttributes(attr(FnlensAttributes.FAAS_TRIGGER, "other")).build();

        List<LogEvent> sqsLines = InvocationLines.of(sqs, resource, START);
        List<LogEvent> httpLines = InvocationLines.of(http, resource, START);

        assertThat(sqsLines.get(2).message()).endsWith("Max Memory Used: 90 MB\tTrigger: aws:sqs"
                + "\tTrigger Resource: orders-queue\tBatch Size: 10" + XRAY);
        assertThat(sqsLines.get(2).fields()).containsEntry("@trigger", "aws:sqs")
                .containsEntry("@triggerResource", "orders-queue").containsEntry("@batchSize", 10.0)
                .containsEntry("@xrayTraceId", XRAY.split("\t")[1].substring("XRAY TraceId: ".length()))
                .containsEntry("@xraySegmentId", XRAY.split("\t")[2].substring("SegmentId: ".length()));
        assertThat(httpLines.get(2).message()).contains("\tTrigger: aws:apigateway\tRoute: GET /orders/{id} injected: 1"
                + "\tHTTP Status: 502\tXRAY");
        assertThat(httpLines.get(2).fields()).containsEntry("@httpRoute", "GET /orders/{id} injected: 1")
                .containsEntry("@httpStatus", 502.0).doesNotContainKey("injected");
        assertThat(report(direct)).contains("\tTrigger: other\tXRAY");
    }

    @Test
    void reportLine_saysStatus_ofAFailedOrTimedOutInvocation_only() {
        Span failed = invocation(ID, START).addAttributes(attr(FnlensAttributes.STATUS, FnlensAttributes.STATUS_ERROR))
                .build();
        Span timedOut = invocation(ID, START)
                .addAttributes(attr(FnlensAttributes.STATUS, FnlensAttributes.STATUS_TIMEOUT)).build();

        assertThat(report(failed)).contains("Max Memory Used: 90 MB\tStatus: error" + XRAY);
        assertThat(InvocationLines.of(timedOut, resource, START).get(2).fields()).containsEntry("@status", "timeout");
        assertThat(report(invocation(ID, START).build())).doesNotContain("Status");
    }

    @Test
    void reportLine_hasNoXraySuffix_withoutAValidTraceId() {
        Span untraced = invocation(ID, START).setTraceId(com.google.protobuf.ByteString.copyFrom(new byte[16])).build();

        assertThat(report(untraced)).doesNotContain("XRAY").endsWith("Max Memory Used: 90 MB");
    }

    @Test
    void durationUnderOneMillisecond_isBilledOneMillisecond() {
        Span span = invocation(ID, START).clearAttributes()
                .addAttributes(attr(FnlensAttributes.FAAS_INVOCATION_ID, ID))
                .addAttributes(attr(FnlensAttributes.DURATION_MS, 0.4)).build();

        assertThat(report(span)).isEqualTo("REPORT RequestId: " + ID + "\tDuration: 0.40 ms\tBilled Duration: 1 ms"
                + XRAY);
    }

    @Test
    void failedInvocation_addsErrorLine_asJsonWithLambdaFields() throws Exception {
        Span failed = invocation(ID, START)
                .addAttributes(attr(FnlensAttributes.STATUS, FnlensAttributes.STATUS_ERROR))
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR))
                .addEvents(Span.Event.newBuilder().setName("exception").setTimeUnixNano((START + 100) * 1_000_000)
                        .addAttributes(attr("exception.type", "java.lang.IllegalStateException"))
                        .addAttributes(attr("exception.message", "order \"42\" not found"))
                        .addAttributes(attr("exception.stacktrace", "java.lang.IllegalStateException: order \"42\" not found\n"
                                + "\tat example.Orders.find(Orders.java:23)\n"
                                + "\tat example.Handler.handleRequest(Handler.java:12)\n")))
                .build();

        List<LogEvent> lines = InvocationLines.of(failed, resource, START + 200);

        assertThat(lines).extracting(e -> e.get("@type")).containsExactly("START", null, "END", "REPORT");
        LogEvent error = lines.get(1);
        String[] parts = error.message().split("\t", 4);
        assertThat(parts[0]).isEqualTo("2026-01-02T03:10:03.273Z");
        assertThat(parts[1]).isEqualTo(ID);
        assertThat(parts[2]).isEqualTo("ERROR");
        JsonNode json = new ObjectMapper().readTree(parts[3]);
        assertThat(json.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(json.get("errorMessage").asText()).isEqualTo("order \"42\" not found");
        assertThat(json.get("stackTrace").get(0).asText()).isEqualTo("example.Orders.find(Orders.java:23)");
        assertThat(error.get("@requestId")).isEqualTo(ID);
        assertThat(error.get("errorType")).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.get("stackTrace.1")).isEqualTo("example.Handler.handleRequest(Handler.java:12)");
    }

    @Test
    void timedOutInvocation_addsTimeoutLine_afterReport() {
        Span timedOut = invocation(ID, START)
                .addAttributes(attr(FnlensAttributes.STATUS, FnlensAttributes.STATUS_TIMEOUT))
                .addAttributes(attr(FnlensAttributes.TIMEOUT_SECONDS, 3))
                .build();

        List<LogEvent> lines = InvocationLines.of(timedOut, resource, START + 200);

        assertThat(lines).hasSize(4);
        assertThat(lines.get(3).message()).isEqualTo("2026-01-02T03:10:03.275Z " + ID + " Task timed out after 3.00 seconds");
        assertThat(lines.get(3).get("@requestId")).isEqualTo(ID);
    }

    @Test
    void timeoutLine_withoutConfiguredTimeout_usesTheDuration() {
        Span timedOut = invocation(ID, START)
                .addAttributes(attr(FnlensAttributes.STATUS, FnlensAttributes.STATUS_TIMEOUT)).build();

        assertThat(InvocationLines.of(timedOut, resource, START).get(3).message())
                .endsWith("Task timed out after 0.10 seconds");
    }

    @Test
    void logGroup_comesFromFnlensLogGroup_whenSent() {
        Resource custom = OtlpFixtures.resource("orders", OtlpFixtures.STREAM).toBuilder()
                .addAttributes(attr(FnlensAttributes.LOG_GROUP, "/custom/orders")).build();

        assertThat(InvocationLines.of(invocation(ID, START).build(), ResourceInfo.of(custom, START), START))
                .extracting(LogEvent::log).containsOnly("/custom/orders");
    }

    @Test
    void logStream_isDerivedStably_whenNoInstanceIsSent() {
        Resource anonymous = Resource.newBuilder().addAttributes(attr("service.name", "billing")).build();

        ResourceInfo a = ResourceInfo.of(anonymous, START);
        ResourceInfo b = ResourceInfo.of(anonymous, START);

        assertThat(a.logGroup()).isEqualTo("/aws/lambda/billing");
        assertThat(a.logStream()).matches("2026/01/02/\\[\\$LATEST][0-9a-f]{32}").isEqualTo(b.logStream());
    }

    @Test
    void spanWithoutInvocationId_givesNoLines() {
        Span other = Span.newBuilder().setName("db query").addAttributes(KeyValue.newBuilder().setKey("db.system")).build();

        assertThat(InvocationLines.of(other, resource, START)).isEmpty();
    }

    private String report(Span span) {
        return InvocationLines.of(span, resource, START).stream()
                .filter(e -> "REPORT".equals(e.get("@type"))).findFirst().orElseThrow().message();
    }

    @Test
    void twoDecimals_writesWhatPercentTwoFWrites() {
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 100_000; i++) {
            double v = i % 2 == 0 ? Math.round(random.nextDouble() * 1e7) / 100.0 : random.nextDouble() * Math.pow(10, random.nextInt(8));
            assertThat(InvocationLines.twoDecimals(v)).as("%s", v).isEqualTo(String.format(java.util.Locale.ROOT, "%.2f", v));
        }
        assertThat(InvocationLines.twoDecimals(0)).isEqualTo("0.00");
        assertThat(InvocationLines.twoDecimals(102.25)).isEqualTo("102.25");
        assertThat(InvocationLines.twoDecimals(3.1)).isEqualTo("3.10");
        assertThat(InvocationLines.twoDecimals(1.005)).isEqualTo(String.format(java.util.Locale.ROOT, "%.2f", 1.005));
    }
}
