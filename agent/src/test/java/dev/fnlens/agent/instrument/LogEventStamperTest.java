package dev.fnlens.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.agent.invocation.Clock;
import dev.fnlens.agent.invocation.InvocationHooks;
import dev.fnlens.agent.invocation.InvocationRecorder;
import dev.fnlens.agent.invocation.RecordingSink;
import dev.fnlens.agent.logs.LogCapture;
import dev.fnlens.agent.logs.LogHooks;
import dev.fnlens.agent.logs.LogQueue;
import dev.fnlens.agent.logs.StampedLogEvent;
import dev.fnlens.testfn.FakeLogEvent;
import dev.fnlens.testfn.TestContext;
import java.lang.reflect.Constructor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Event classes rewritten by {@link LogEventStamper}, defined and run in this JVM. */
class LogEventStamperTest {
    @BeforeEach
    void install() {
        InvocationHooks.install(new InvocationRecorder(new RecordingSink(), RecordingSink.options(true)));
        LogCapture.install(new LogCapture(new LogQueue(16), 1.0));
    }

    @AfterEach
    void uninstall() {
        LogCapture.install(null);
        InvocationHooks.install(null);
    }

    @Test
    void everyConstructorPath_stampsTheInvocationInProgress_andTheTime() throws Exception {
        Class<?> type = stamped(true);
        long before = Clock.nowEpochNanos();

        InvocationHooks.enter("in", null, new TestContext("req-1"), "Handler");
        Object delegating = type.getConstructor().newInstance();
        Object earlyReturn = type.getConstructor(String.class).newInstance((Object) null);
        InvocationHooks.exit("out");
        InvocationHooks.enter("in", null, new TestContext("req-2"), "Handler");
        Object later = type.getConstructor(String.class).newInstance("later");
        InvocationHooks.exit("out");

        assertThat(delegating).isInstanceOf(StampedLogEvent.class);
        assertThat(((StampedLogEvent) delegating).fnlens$requestId()).isEqualTo("req-1");
        assertThat(((StampedLogEvent) earlyReturn).fnlens$requestId()).isEqualTo("req-1");
        assertThat(((StampedLogEvent) later).fnlens$requestId()).isEqualTo("req-2");
        assertThat(((StampedLogEvent) delegating).fnlens$epochNanos()).isBetween(before, Clock.nowEpochNanos());
        assertThat(type.getMethod("message").invoke(delegating)).as("the class still works").isEqualTo("none");
    }

    @Test
    void fillMethod_restampsAReusedEvent() throws Exception {
        Class<?> type = stamped(false, "setValues");
        Object event = type.getConstructor().newInstance();
        assertThat(((StampedLogEvent) event).fnlens$epochNanos()).as("constructors left alone").isZero();

        InvocationHooks.enter("in", null, new TestContext("req-1"), "Handler");
        type.getMethod("setValues", String.class).invoke(event, "first");
        InvocationHooks.exit("out");
        long first = ((StampedLogEvent) event).fnlens$epochNanos();
        InvocationHooks.enter("in", null, new TestContext("req-2"), "Handler");
        type.getMethod("setValues", String.class).invoke(event, "second");
        InvocationHooks.exit("out");

        assertThat(((StampedLogEvent) event).fnlens$requestId()).isEqualTo("req-2");
        assertThat(((StampedLogEvent) event).fnlens$epochNanos()).isGreaterThan(first);
    }

    @Test
    void fillMethodTakingAnEvent_copiesThatEventsStamp() throws Exception {
        Class<?> type = stamped(true, "initFrom");
        InvocationHooks.enter("in", null, new TestContext("req-1"), "Handler");
        Object source = type.getConstructor(String.class).newInstance("logged");
        InvocationHooks.exit("out");
        InvocationHooks.enter("in", null, new TestContext("req-2"), "Handler");
        Object copy = type.getConstructor().newInstance();

        type.getMethod("initFrom", Object.class).invoke(copy, source); // a ring slot filled on another thread
        InvocationHooks.exit("out");

        assertThat(((StampedLogEvent) copy).fnlens$requestId()).isEqualTo("req-1");
        assertThat(((StampedLogEvent) copy).fnlens$epochNanos()).isEqualTo(((StampedLogEvent) source).fnlens$epochNanos());
    }

    @Test
    void eventMadeWhileAppendingAnother_inheritsItsStamp() throws Exception {
        Constructor<?> constructor = stamped(true).getConstructor(String.class);
        InvocationHooks.enter("in", null, new TestContext("req-1"), "Handler");
        Object original = constructor.newInstance("logged");
        InvocationHooks.exit("out");
        InvocationHooks.enter("in", null, new TestContext("req-2"), "Handler");

        LogHooks.appendEnter(original, null, "log4j2"); // e.g. an AsyncAppender's thread making a memento
        Object memento = constructor.newInstance("logged");
        LogHooks.appendExit();
        InvocationHooks.exit("out");

        assertThat(((StampedLogEvent) memento).fnlens$requestId()).isEqualTo("req-1");
        assertThat(((StampedLogEvent) memento).fnlens$epochNanos())
                .isEqualTo(((StampedLogEvent) original).fnlens$epochNanos());
    }

    @Test
    void withoutLogCapture_eventsAreNotStamped() throws Exception {
        LogCapture.install(null);

        Object event = stamped(true).getConstructor().newInstance();

        assertThat(((StampedLogEvent) event).fnlens$epochNanos()).isZero();
    }

    @Test
    void rewritingTwice_isANoOp() {
        byte[] once = LogEventStamper.rewrite(ClassFiles.of(FakeLogEvent.class), true);

        assertThat(LogEventStamper.rewrite(once, true)).isNull();
    }

    /** FakeLogEvent rewritten, in a loader of its own whose parent supplies the agent's classes. */
    private static Class<?> stamped(boolean constructors, String... fillMethods) {
        byte[] bytes = LogEventStamper.rewrite(ClassFiles.of(FakeLogEvent.class), constructors, fillMethods);
        return new ClassLoader(LogEventStamperTest.class.getClassLoader()) {
            Class<?> define() {
                return defineClass(FakeLogEvent.class.getName(), bytes, 0, bytes.length);
            }
        }.define();
    }
}
