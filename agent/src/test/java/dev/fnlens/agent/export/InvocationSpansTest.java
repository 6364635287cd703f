package dev.fnlens.agent.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.agent.config.AgentConfig;
import dev.fnlens.agent.invocation.Invocation;
import dev.fnlens.agent.trigger.Trigger;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InvocationSpansTest {
    private static final long PROCESS_START = 1_700_000_000_000_000_000L;
    private static final long START = PROCESS_START + 320_114_000L; // 320.11 ms of init
    private static final String ARN = "arn:aws:lambda:eu-west-1:123456789012:function:orders";

    private final SpanCollector collector = new SpanCollector();
    private final FunctionIdentity identity = FunctionIdentity.resolve(
            AgentConfig.load("function_name=orders,memory_size=512", Map.of()), "p.OrderHandler", LocalDate.now());
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .setResource(identity.toResource()).addSpanProcessor(collector).build();
    private final InvocationSpans spans = new InvocationSpans(provider.get("test"), identity, PROCESS_START);

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void coldSuccess_hasEveryAttribute_andTheInvocationsOwnTimes() {
        SpanData span = record(invocation("req-1", "p.OrderHandler", ARN, Trigger.OTHER, START, 102_250_000L,
                true, 90, null));

        assertThat(span.getName()).isEqualTo("orders");
        assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(span.getParentSpanContext().isValid()).isFalse();
        assertThat(span.getStartEpochNanos()).isEqualTo(START);
        assertThat(span.getEndEpochNanos()).isEqualTo(START + 102_250_000L);
        assertThat(string(span, "faas.trigger")).isEqualTo("other");
        assertThat(string(span, "faas.invocation_id")).isEqualTo("req-1");
        assertThat(span.getAttributes().get(AttributeKey.booleanKey("faas.coldstart"))).isTrue();
        assertThat(string(span, "cloud.resource_id")).isEqualTo(ARN);
        assertThat(number(span, "fnlens.init_duration_ms")).isEqualTo(320.11);
        assertThat(number(span, "fnlens.duration_ms")).isEqualTo(102.25);
        assertThat(integer(span, "fnlens.billed_duration_ms")).isEqualTo(103);
        assertThat(integer(span, "fnlens.memory_size_mb")).isEqualTo(512);
        assertThat(integer(span, "fnlens.max_memory_used_mb")).isEqualTo(90);
        assertThat(string(span, "fnlens.status")).isEqualTo("success");
        assertThat(string(span, "fnlens.trigger.source")).isNull();
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(span.getEvents()).isEmpty();
    }

    @Test
    void warmInvocation_hasNoInitDuration_andNoArnWithoutContext() {
        SpanData span = record(invocation("req-2", "p.OrderHandler", null, Trigger.OTHER, START, 1_000_000L,
                false, 90, null));

        assertThat(span.getAttributes().get(AttributeKey.booleanKey("faas.coldstart"))).isFalse();
        assertThat(span.getAttributes().get(AttributeKey.doubleKey("fnlens.init_duration_ms"))).isNull();
        assertThat(string(span, "cloud.resource_id")).isNull();
    }

    @Test
    void error_becomesAnExceptionEvent_andErrorStatus() {
        RuntimeException error = new IllegalStateException("order o-2 has no items");

        SpanData span = record(invocation("req-3", "p.OrderHandler", ARN, Trigger.OTHER, START, 5_000_000L,
                false, 90, error));

        assertThat(string(span, "fnlens.status")).isEqualTo("error");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getStatus().getDescription()).isEqualTo("order o-2 has no items");
        assertThat(span.getEvents()).singleElement().satisfies(event -> {
            assertThat(event.getName()).isEqualTo("exception");
            assertThat(event.getEpochNanos()).isEqualTo(START + 5_000_000L);
            assertThat(eventString(event, "exception.type")).isEqualTo("java.lang.IllegalStateException");
            assertThat(eventString(event, "exception.message")).isEqualTo("order o-2 has no items");
            assertThat(eventString(event, "exception.stacktrace"))
                    .startsWith("java.lang.IllegalStateException: order o-2 has no items")
                    .contains("at dev.fnlens.agent.export.InvocationSpansTest");
        });
    }

    @Test
    void errorWithoutMessage_isDescribedByItsType() {
        SpanData span = record(invocation("req-4", "p.H", null, Trigger.OTHER, START, 1L, false, 1,
                new NullPointerException()));

        assertThat(span.getStatus().getDescription()).isEqualTo("java.lang.NullPointerException");
        assertThat(span.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("exception.message"))).isNull();
    }

    @Test
    void hugeStackTraces_areBounded() {
        RuntimeException error = new RuntimeException("x".repeat(100_000));

        String trace = InvocationSpans.stackTrace(error);

        assertThat(trace.length()).isLessThanOrEqualTo(InvocationSpans.MAX_STACKTRACE_CHARS + 10);
    }

    @Test
    void queueTrigger_isAConsumerSpan_withItsSource() {
        SpanData span = record(invocation("req-5", "p.H", null, Trigger.SQS, START,
                1_000_000L, false, 1, null));

        assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(string(span, "faas.trigger")).isEqualTo("pubsub");
        assertThat(string(span, "fnlens.trigger.source")).isEqualTo("aws:sqs");
    }

    /** The measurements as the exporter pairs them with the invocation. */
    private static Object[] invocation(String id, String handler, String arn, Trigger trigger, long start,
                                       long duration, boolean cold, long maxMemoryUsedMb, Throwable error) {
        Invocation invocation = new Invocation(id, handler, arn, start, duration, cold, error);
        invocation.trigger.trigger = trigger;
        return new Object[] {invocation, new InvocationSpans.Measured(maxMemoryUsedMb, -1, -1)};
    }

    private SpanData record(Object[] measured) {
        spans.record((Invocation) measured[0], (InvocationSpans.Measured) measured[1], InvocationSpans.Drops.NONE);
        List<SpanData> ended = collector.drain();
        assertThat(ended).hasSize(1);
        assertThat(collector.drain()).isEmpty();
        return ended.get(0);
    }

    private static String string(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.stringKey(key));
    }

    private static Double number(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.doubleKey(key));
    }

    private static Long integer(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.longKey(key));
    }

    private static String eventString(EventData event, String key) {
        return event.getAttributes().get(AttributeKey.stringKey(key));
    }
}
