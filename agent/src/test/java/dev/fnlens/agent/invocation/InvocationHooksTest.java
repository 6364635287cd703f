package dev.fnlens.agent.invocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.testfn.TestContext;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hooks while the agent is still starting on another thread (on Lambda, the extension's). */
class InvocationHooksTest {
    @AfterEach
    void noRecorder() {
        InvocationHooks.install(null);
        InvocationHooks.started();
    }

    @Test
    void aHandlerInvokedWhileTheRecorderIsWired_waitsForIt_andIsRecorded() throws Exception {
        // given an agent that is still starting
        RecordingSink sink = new RecordingSink();
        InvocationRecorder recorder = new InvocationRecorder(sink, RecordingSink.options(true));
        InvocationHooks.starting();
        Thread handler = new Thread(() -> {
            InvocationHooks.enter("in", null, new TestContext("req-early"), "pkg.Handler");
            InvocationHooks.exit("out");
        });

        // when a handler is invoked meanwhile
        handler.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (handler.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(handler.getState()).as("waiting for the start-up").isEqualTo(Thread.State.TIMED_WAITING);
        InvocationHooks.install(recorder);
        InvocationHooks.started();
        handler.join(5_000);

        // then it ran on, and was recorded
        assertThat(handler.isAlive()).isFalse();
        assertThat(sink.recorded).extracting(Invocation::requestId).containsExactly("req-early");
    }

    @Test
    void withoutAStartUpUnderWay_aHandlerWithoutRecorderRunsOnAtOnce() {
        long start = System.nanoTime();

        InvocationHooks.enter("in", null, new TestContext("req-none"), "pkg.Handler");
        InvocationHooks.exit("out");

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(InvocationHooks.START_WAIT_MS);
    }

    @Test
    void theTaskBeforeTheFirstInvocation_runsOnce_whenTheRuntimeFirstAsksForOne() {
        AtomicInteger runs = new AtomicInteger();
        InvocationHooks.beforeFirstInvocation(runs::incrementAndGet);

        InvocationHooks.nextInvocationRequested();
        InvocationHooks.enter("in", null, new TestContext("req-1"), "pkg.Handler");
        InvocationHooks.exit("out");
        InvocationHooks.nextInvocationRequested();

        assertThat(runs).hasValue(1);
    }

    @Test
    void theTaskBeforeTheFirstInvocation_runsAtTheFirstHandlerCall_withoutTheRuntimesRequest() {
        AtomicInteger runs = new AtomicInteger();
        InvocationHooks.beforeFirstInvocation(() -> {
            runs.incrementAndGet();
            throw new IllegalStateException("a broken agent");
        });

        InvocationHooks.enter("in", null, new TestContext("req-1"), "pkg.Handler");
        InvocationHooks.exit("out");
        InvocationHooks.enter("in", null, new TestContext("req-2"), "pkg.Handler");
        InvocationHooks.exit("out");

        assertThat(runs).as("once, and what it threw stayed in the agent").hasValue(1);
    }
}
