package dev.fnlens.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.fnlens.agent.invocation.Invocation;
import dev.fnlens.agent.invocation.InvocationHooks;
import dev.fnlens.agent.invocation.InvocationRecorder;
import dev.fnlens.agent.invocation.RecordingSink;
import dev.fnlens.testfn.BrokenContext;
import dev.fnlens.testfn.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rewritten handlers, defined and run in this JVM: what the added bytecode does and does not do. */
class HandlerRewriterTest {
    private final RecordingSink sink = new RecordingSink();
    private final List<Invocation> recorded = sink.recorded;
    private final TransformingLoader loader = new TransformingLoader(getClass().getClassLoader());

    @BeforeEach
    void installHooks() {
        InvocationHooks.install(new InvocationRecorder(sink, RecordingSink.options(true)));
    }

    @AfterEach
    void uninstallHooks() {
        InvocationHooks.install(null);
    }

    @Test
    void genericHandler_calledThroughTheInterface_isRecordedOnce() throws Exception {
        RequestHandler<String, String> handler = loader.newInstance("GreetingHandler");

        assertThat(handler.handleRequest("world", new TestContext("req-1"))).isEqualTo("Hello, world");

        assertThat(loader.rewritten).hasValue(1);
        assertThat(recorded).singleElement().satisfies(invocation -> {
            assertThat(invocation.requestId()).isEqualTo("req-1");
            assertThat(invocation.handlerClass()).isEqualTo("dev.fnlens.testfn.GreetingHandler");
            assertThat(invocation.error()).isNull();
        });
    }

    @Test
    void handlerException_reachesTheCallerAsTheSameObject_withItsStackTrace() throws Exception {
        RequestHandler<RuntimeException, String> handler = loader.newInstance("ThrowingHandler");
        RuntimeException error = new IllegalArgumentException("bad input");
        StackTraceElement[] trace = error.getStackTrace().clone();

        assertThatThrownBy(() -> handler.handleRequest(error, new TestContext("req-1"))).isSameAs(error);

        assertThat(error.getStackTrace()).containsExactly(trace);
        assertThat(error.getSuppressed()).isEmpty();
        assertThat(recorded).singleElement().satisfies(invocation -> assertThat(invocation.error()).isSameAs(error));
    }

    @Test
    void checkedException_fromAStreamHandler_passesThroughUnchanged() throws Exception {
        RequestStreamHandler handler = loader.newInstance("UpperCaseStreamHandler");
        IOException error = new IOException("socket closed");
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw error;
            }
        };

        assertThatThrownBy(() -> handler.handleRequest(failing, new ByteArrayOutputStream(), new TestContext("r")))
                .isSameAs(error);
        assertThat(recorded).singleElement().satisfies(invocation -> assertThat(invocation.error()).isSameAs(error));
    }

    @Test
    void streamHandler_isRecorded() throws Exception {
        RequestStreamHandler handler = loader.newInstance("UpperCaseStreamHandler");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        handler.handleRequest(new ByteArrayInputStream("ping".getBytes(StandardCharsets.UTF_8)), out,
                new TestContext("req-s"));

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("PING");
        assertThat(recorded).singleElement().extracting(Invocation::requestId).isEqualTo("req-s");
    }

    @Test
    void handlersOwnCatchBlock_keepsPrecedence() throws Exception {
        RequestHandler<String, String> handler = loader.newInstance("RecoveringHandler");

        assertThat(handler.handleRequest("oops", new TestContext("r1"))).isEqualTo("recovered oops");
        assertThat(handler.handleRequest("", new TestContext("r2"))).isEqualTo("empty");

        assertThat(recorded).hasSize(2).allSatisfy(invocation -> assertThat(invocation.failed()).isFalse());
    }

    @Test
    void handlerCallingSuperOrAnotherHandler_isOneInvocation() throws Exception {
        RequestHandler<String, String> subclass = loader.newInstance("SubclassHandler");
        RequestHandler<String, String> delegating = loader.newInstance("DelegatingHandler");

        assertThat(subclass.handleRequest("x", new TestContext("sub"))).isEqualTo("sub:x");
        assertThat(delegating.handleRequest("y", new TestContext("del"))).isEqualTo("Hello, y");

        assertThat(recorded).extracting(Invocation::requestId).containsExactly("sub", "del");
        assertThat(recorded).extracting(Invocation::handlerClass)
                .containsExactly("dev.fnlens.testfn.SubclassHandler", "dev.fnlens.testfn.DelegatingHandler");
    }

    @Test
    void rawHandler_andHandlerViaInterface_areRecorded() throws Exception {
        @SuppressWarnings("rawtypes")
        RequestHandler raw = loader.newInstance("RawHandler");
        RequestHandler<String, String> api = loader.newInstance("ApiHandler");

        @SuppressWarnings("unchecked")
        Object rawResult = raw.handleRequest("x", new TestContext("raw"));
        assertThat(rawResult).isEqualTo("raw:x");
        assertThat(api.handleRequest("y", new TestContext("api"))).isEqualTo("api:y");

        assertThat(recorded).extracting(Invocation::requestId).containsExactly("raw", "api");
    }

    @Test
    void aBrokenAgent_neverReachesTheHandler() throws Exception {
        InvocationHooks.install(new InvocationRecorder(new dev.fnlens.agent.invocation.InvocationSink() {
            @Override
            public Invocation claim() {
                throw new OutOfMemoryError("sink exploded");
            }

            @Override
            public void publish(Invocation invocation) {
            }
        }, RecordingSink.options(true)));
        RequestHandler<String, String> handler = loader.newInstance("GreetingHandler");

        assertThat(handler.handleRequest("a", new BrokenContext())).isEqualTo("Hello, a");
        assertThat(handler.handleRequest("b", null)).isEqualTo("Hello, b");
    }

    @Test
    void withoutHooksInstalled_handlersRunNormally() throws Exception {
        InvocationHooks.install(null);
        RequestHandler<String, String> handler = loader.newInstance("GreetingHandler");

        assertThat(handler.handleRequest("a", new TestContext("r"))).isEqualTo("Hello, a");
        assertThat(recorded).isEmpty();
    }
}
