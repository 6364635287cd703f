package dev.fnlens.agent.export;

import static dev.fnlens.agent.export.Decoded.flag;
import static dev.fnlens.agent.export.Decoded.integer;
import static dev.fnlens.agent.export.Decoded.number;
import static dev.fnlens.agent.export.Decoded.string;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.fnlens.agent.config.AgentConfig;
import dev.fnlens.agent.invocation.Invocation;
import dev.fnlens.agent.otlp.OtlpResource;
import dev.fnlens.agent.otlp.SpanBatch;
import dev.fnlens.agent.trace.SpanContext;
import dev.fnlens.agent.trigger.Trigger;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvocationSpansTest {
    private static final long PROCESS_START = 1_700_000_000_000_000_000L;
    private static final long START = PROCESS_START + 320_114_000L; // 320.11 ms of init
    private static final String ARN = "arn:aws:lambda:eu-west-1:123456789012:function:orders";
    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private final FunctionIdentity identity = FunctionIdentity.resolve(
            AgentConfig.load("function_name=orders,memory_size=512", Map.of()), "p.OrderHandler", LocalDate.now());
    private final SpanBatch batch = new SpanBatch(new OtlpResource(identity.resourceAttributes(), "dev.fnlens.agent"));
    private final InvocationSpans spans = new InvocationSpans(identity, PROCESS_START);

    @Test
    void coldSuccess_hasEveryAttribute_andTheInvocationsOwnTimes() throws Exception {
        Span span = record(invocation("req-1", ARN, Trigger.OTHER, START, 102_250_000L, true, 90, null));

        assertThat(span.getName()).isEqualTo("orders");
        assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(span.getParentSpanId()).isEmpty();
        assertThat(span.getTraceId().size()).isEqualTo(16);
        assertThat(span.getSpanId().size()).isEqualTo(8);
        assertThat(span.getFlags()).as("sampled, parent not remote").isEqualTo(0x101);
        assertThat(span.getStartTimeUnixNano()).isEqualTo(START);
        assertThat(span.getEndTimeUnixNano()).isEqualTo(START + 102_250_000L);
        assertThat(string(span.getAttributesList(), "faas.trigger")).isEqualTo("other");
        assertThat(string(span.getAttributesList(), "faas.invocation_id")).isEqualTo("req-1");
        assertThat(flag(span.getAttributesList(), "faas.coldstart")).isTrue();
        assertThat(string(span.getAttributesList(), "cloud.resource_id")).isEqualTo(ARN);
        assertThat(number(span.getAttributesList(), "fnlens.init_duration_ms")).isEqualTo(320.11);
        assertThat(number(span.getAttributesList(), "fnlens.duration_ms")).isEqualTo(102.25);
        assertThat(integer(span.getAttributesList(), "fnlens.billed_duration_ms")).isEqualTo(103);
        assertThat(integer(span.getAttributesList(), "fnlens.memory_size_mb")).isEqualTo(512);
        assertThat(integer(span.getAttributesList(), "fnlens.max_memory_used_mb")).isEqualTo(90);
        assertThat(string(span.getAttributesList(), "fnlens.status")).isEqualTo("success");
        assertThat(string(span.getAttributesList(), "fnlens.trigger.source")).isNull();
        assertThat(span.hasStatus()).isFalse();
        assertThat(span.getEventsList()).isEmpty();
        assertThat(span.getLinksList()).isEmpty();
    }

    @Test
    void theRequest_carriesTheResourceAndScope_once() throws Exception {
        spans.record((Invocation) invocation("a", null, Trigger.OTHER, START, 1L, false, 1, null)[0], batch);
        spans.record((Invocation) invocation("b", null, Trigger.OTHER, START, 1L, false, 1, null)[0], batch);

        ExportTraceServiceRequest request = Decoded.traces(batch);

        assertThat(request.getResourceSpansCount()).isEqualTo(1);
        ResourceSpans resourceSpans = request.getResourceSpans(0);
        assertThat(string(resourceSpans.getResource().getAttributesList(), "faas.name")).isEqualTo("orders");
        assertThat(integer(resourceSpans.getResource().getAttributesList(), "faas.max_memory"))
                .isEqualTo(512L * 1024 * 1024);
        assertThat(resourceSpans.getScopeSpansCount()).isEqualTo(1);
        assertThat(resourceSpans.getScopeSpans(0).getScope().getName()).isEqualTo("dev.fnlens.agent");
        assertThat(resourceSpans.getScopeSpans(0).getSpansList()).extracting(s -> string(s.getAttributesList(),
                "faas.invocation_id")).containsExactly("a", "b");
        assertThat(batch.count()).isEqualTo(2);
    }

    @Test
    void warmInvocation_hasNoInitDuration_andNoArnWithoutContext() throws Exception {
        Span span = record(invocation("req-2", null, Trigger.OTHER, START, 1_000_000L, false, 90, null));

        assertThat(flag(span.getAttributesList(), "faas.coldstart")).isFalse();
        assertThat(number(span.getAttributesList(), "fnlens.init_duration_ms")).isNull();
        assertThat(string(span.getAttributesList(), "cloud.resource_id")).isNull();
    }

    @Test
    void error_becomesAnExceptionEvent_andErrorStatus() throws Exception {
        RuntimeException error = new IllegalStateException("order o-2 has no items");

        Span span = record(invocation("req-3", ARN, Trigger.OTHER, START, 5_000_000L, false, 90, error));

        assertThat(string(span.getAttributesList(), "fnlens.status")).isEqualTo("error");
        assertThat(span.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(span.getStatus().getMessage()).isEqualTo("order o-2 has no items");
        assertThat(span.getEventsList()).singleElement().satisfies(event -> {
            assertThat(event.getName()).isEqualTo("exception");
            assertThat(event.getTimeUnixNano()).isEqualTo(START + 5_000_000L);
            assertThat(string(event.getAttributesList(), "exception.type")).isEqualTo("java.lang.IllegalStateException");
            assertThat(string(event.getAttributesList(), "exception.message")).isEqualTo("order o-2 has no items");
            assertThat(string(event.getAttributesList(), "exception.stacktrace"))
                    .startsWith("java.lang.IllegalStateException: order o-2 has no items")
                    .contains("at dev.fnlens.agent.export.InvocationSpansTest");
        });
        assertThat(span.getAttributesList()).noneMatch(a -> a.getKey().startsWith("exception."));
    }

    @Test
    void errorWithoutMessage_isDescribedByItsType() throws Exception {
        Span span = record(invocation("req-4", null, Trigger.OTHER, START, 1L, false, 1, new NullPointerException()));

        assertThat(span.getStatus().getMessage()).isEqualTo("java.lang.NullPointerException");
        assertThat(string(span.getEvents(0).getAttributesList(), "exception.message")).isNull();
    }

    @Test
    void timeout_hasItsSeconds_andErrorStatus() throws Exception {
        Object[] measured = invocation("req-t", null, Trigger.OTHER, START, 2_700_000_000L, false, 1, null);
        Invocation invocation = (Invocation) measured[0];
        invocation.status = Invocation.TIMEOUT;
        invocation.timeoutSeconds = 3;

        Span span = record(measured);

        assertThat(string(span.getAttributesList(), "fnlens.status")).isEqualTo("timeout");
        assertThat(integer(span.getAttributesList(), "fnlens.timeout_seconds")).isEqualTo(3);
        assertThat(span.getStatus().getMessage()).isEqualTo("Task timed out after 3.00 seconds");
    }

    @Test
    void hugeStackTraces_areBounded() {
        RuntimeException error = new RuntimeException("x".repeat(100_000));

        String trace = InvocationSpans.stackTrace(error);

        assertThat(trace.length()).isLessThanOrEqualTo(InvocationSpans.MAX_STACKTRACE_CHARS + 10);
    }

    @Test
    void queueTrigger_isAConsumerSpan_withItsSource() throws Exception {
        Span span = record(invocation("req-5", null, Trigger.SQS, START, 1_000_000L, false, 1, null));

        assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CONSUMER);
        assertThat(string(span.getAttributesList(), "faas.trigger")).isEqualTo("pubsub");
        assertThat(string(span.getAttributesList(), "fnlens.trigger.source")).isEqualTo("aws:sqs");
    }

    @Test
    void traceparent_isTheRemoteParent_andAnotherXrayTraceALink() throws Exception {
        Object[] measured = invocation("req-6", null, Trigger.OTHER, START, 1_000_000L, false, 1, null);
        Invocation invocation = (Invocation) measured[0];
        invocation.trigger.traceparent = TRACEPARENT;
        invocation.xrayTraceHeader = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

        Span span = record(measured);

        assertThat(hex(span.getTraceId())).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(hex(span.getParentSpanId())).isEqualTo("b7ad6b7169203331");
        assertThat(hex(span.getSpanId())).isNotEqualTo("b7ad6b7169203331").hasSize(16);
        assertThat(span.getFlags()).as("sampled, parent remote").isEqualTo(0x301);
        assertThat(span.getLinksList()).singleElement().satisfies(link -> {
            assertThat(hex(link.getTraceId())).isEqualTo("5759e988bd862e3fe1be46a994272793");
            assertThat(hex(link.getSpanId())).isEqualTo("53995c3f42cd8ad8");
            assertThat(link.getFlags()).isEqualTo(0x301);
        });
    }

    @Test
    void noTraceContext_startsANewTrace() throws Exception {
        InvocationSpans unlinked = new InvocationSpans(identity, PROCESS_START, null, false);
        Object[] measured = invocation("req-7", null, Trigger.OTHER, START, 1_000_000L, false, 1, null);
        ((Invocation) measured[0]).trigger.traceparent = TRACEPARENT;

        SpanContext context = unlinked.record((Invocation) measured[0], batch);
        Span span = Decoded.traces(batch).getResourceSpans(0).getScopeSpans(0).getSpans(0);

        assertThat(span.getParentSpanId()).isEmpty();
        assertThat(hex(span.getTraceId())).isEqualTo(context.traceIdHex()).isNotEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(hex(span.getSpanId())).isEqualTo(context.spanIdHex());
    }

    @Test
    void drops_areReportedOnTheSpan() throws Exception {
        Object[] measured = invocation("req-8", null, Trigger.OTHER, START, 1_000_000L, false, 1, null);

        spans.record((Invocation) measured[0], InvocationSpans.Measured.NONE, new InvocationSpans.Drops(3, 7), batch);
        Span span = Decoded.traces(batch).getResourceSpans(0).getScopeSpans(0).getSpans(0);

        assertThat(integer(span.getAttributesList(), "fnlens.agent.dropped_invocations")).isEqualTo(3);
        assertThat(integer(span.getAttributesList(), "fnlens.agent.dropped_log_records")).isEqualTo(7);
    }

    /** The measurements as the exporter pairs them with the invocation. */
    private static Object[] invocation(String id, String arn, Trigger trigger, long start, long duration, boolean cold,
                                       long maxMemoryUsedMb, Throwable error) {
        Invocation invocation = new Invocation(id, "p.OrderHandler", arn, start, duration, cold, error);
        invocation.trigger.trigger = trigger;
        return new Object[] {invocation, new InvocationSpans.Measured(maxMemoryUsedMb, -1, -1)};
    }

    private Span record(Object[] measured) throws Exception {
        spans.record((Invocation) measured[0], (InvocationSpans.Measured) measured[1], InvocationSpans.Drops.NONE,
                batch);
        List<Span> all = Decoded.traces(batch).getResourceSpans(0).getScopeSpans(0).getSpansList();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private static String hex(ByteString bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes.toByteArray()) {
            s.append(String.format("%02x", b));
        }
        return s.toString();
    }
}
