package dev.fnlens.agent.invocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.testfn.BrokenContext;
import dev.fnlens.testfn.TestContext;
import dev.fnlens.agent.trigger.Trigger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvocationRecorderTest {
    private final RecordingSink sink = new RecordingSink();
    private final List<Invocation> recorded = sink.recorded;
    private final InvocationRecorder recorder = new InvocationRecorder(sink, RecordingSink.options(true));

    @Test
    void coldStart_isOnlyTheFirstInvocation() {
        invoke(new TestContext("a"), null);
        invoke(new TestContext("b"), null);
        invoke(new TestContext("c"), null);

        assertThat(recorded).extracting(Invocation::coldStart).containsExactly(true, false, false);
    }

    @Test
    void coldStart_neverWhenInitialisedAheadOfTraffic() {
        InvocationRecorder provisioned = new InvocationRecorder(sink, RecordingSink.options(false));
        provisioned.enter("in", null, new TestContext("a"), "pkg.Handler");
        provisioned.exit(null, null);

        assertThat(recorded).singleElement().extracting(Invocation::coldStart).isEqualTo(false);
    }

    @Test
    void requestIdAndArn_comeFromTheContext() {
        invoke(new TestContext("req-42"), null);

        Invocation invocation = recorded.get(0);
        assertThat(invocation.requestId()).isEqualTo("req-42");
        assertThat(invocation.functionArn()).isEqualTo(TestContext.ARN);
        assertThat(invocation.handlerClass()).isEqualTo("pkg.Handler");
        assertThat(invocation.trigger.trigger).isEqualTo(Trigger.OTHER);
    }

    @Test
    void requestId_isARandomUuid_withoutAContext_orWhenTheContextThrows() {
        invoke(null, null);
        invoke(new BrokenContext(), null);

        assertThat(recorded).allSatisfy(invocation -> {
            assertThat(invocation.requestId()).matches("[0-9a-f-]{36}");
            assertThat(invocation.functionArn()).isNull();
        });
        assertThat(recorded.get(0).requestId()).isNotEqualTo(recorded.get(1).requestId());
    }

    @Test
    void nestedHandlerCalls_recordOnlyTheOutermost() {
        recorder.enter("in", null, new TestContext("outer"), "pkg.Outer");
        recorder.enter("in", null, new TestContext("inner"), "pkg.Inner");
        recorder.exit(null, null);
        assertThat(recorded).isEmpty();
        recorder.exit(null, null);

        assertThat(recorded).singleElement().satisfies(invocation -> {
            assertThat(invocation.requestId()).isEqualTo("outer");
            assertThat(invocation.handlerClass()).isEqualTo("pkg.Outer");
        });
    }

    @Test
    void error_isRecordedAsTheSameObject() {
        RuntimeException error = new IllegalStateException("boom");
        invoke(new TestContext("a"), error);

        assertThat(recorded.get(0).error()).isSameAs(error);
        assertThat(recorded.get(0).failed()).isTrue();
    }

    @Test
    void exitWithoutEnter_isIgnored() {
        recorder.exit(null, null);

        assertThat(recorded).isEmpty();
    }

    @Test
    void timing_andMemory_arePlausible() throws InterruptedException {
        long before = epochNanos();
        recorder.enter("in", null, new TestContext("a"), "pkg.Handler");
        Thread.sleep(20);
        recorder.exit(null, null);

        Invocation invocation = recorded.get(0);
        // the agent's clock is System.nanoTime() calibrated once to the wall clock: it may differ from
        // Instant.now() by the calibration's error and the drift since, a few microseconds here
        long tolerance = 5_000_000L;
        assertThat(invocation.startEpochNanos()).isBetween(before - tolerance, epochNanos() + tolerance);
        assertThat(invocation.durationNanos()).isGreaterThanOrEqualTo(20_000_000L).isLessThan(5_000_000_000L);
        assertThat(invocation.endEpochNanos()).isEqualTo(invocation.startEpochNanos() + invocation.durationNanos());
        assertThat(invocation.heapUsedAfterBytes).isPositive();
    }

    private void invoke(Object context, Throwable error) {
        recorder.enter("in", null, context, "pkg.Handler");
        recorder.exit(null, error);
    }

    private static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
