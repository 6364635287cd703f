package dev.fnlens.e2e;

import dev.fnlens.local.ExecutionEnvironment;
import dev.fnlens.local.FunctionSpec;
import dev.fnlens.local.InvocationResult;
import dev.fnlens.local.RuntimeFiles;
import dev.fnlens.local.RuntimeSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A collector that is down or stalled costs the function nothing: every invocation succeeds, at normal speed. */
class CollectorUnavailableIT {
    private static final int INVOCATIONS = 20;

    @TempDir
    Path data;

    @Test
    void invocationsSucceedAtNormalSpeed_whenTheCollectorIsDown() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        List<Long> warmMillis = invokeHello("http://127.0.0.1:" + closedPort);

        assertNormalSpeed(warmMillis);
    }

    @Test
    void invocationsSucceedAtNormalSpeed_whenTheCollectorAcceptsButNeverAnswers() throws Exception {
        try (ServerSocket stalled = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(stalled.accept()); // keep the connection open, never answer
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();

            List<Long> warmMillis = invokeHello("http://127.0.0.1:" + stalled.getLocalPort());

            assertNormalSpeed(warmMillis);
        }
    }

    /** Runs the greeting through the runtime client with the agent attached; returns warm invocation times. */
    private List<Long> invokeHello(String collectorEndpoint) throws Exception {
        RuntimeSettings settings = new RuntimeSettings(RuntimeFiles.locate(data), collectorEndpoint, "us-east-1",
                data.resolve("function-logs"));
        FunctionSpec hello = FunctionSpec.of("hello", "dev.fnlens.examples.HelloHandler::handleRequest",
                Path.of("target", "fnlens-examples.jar")).withMemoryMb(256).withTimeoutSeconds(20);
        List<Long> warmMillis = new ArrayList<>();
        try (var environment = ExecutionEnvironment.start(hello, settings)) {
            for (int i = 0; i < INVOCATIONS; i++) {
                long start = System.nanoTime();
                InvocationResult result = environment.invoke("{\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8));
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertThat(result.failed()).as("invocation %d: %s", i, result.payloadText()).isFalse();
                assertThat(result.payloadText()).contains("Hello, Ada!");
                if (i > 0) {
                    warmMillis.add(millis);
                }
            }
        }
        return warmMillis;
    }

    /**
     * A warm greeting takes a few milliseconds; an agent that waited on the collector would take its export
     * timeout (seconds) on some invocation. The bound is loose on purpose: it separates the two, nothing finer.
     */
    private static void assertNormalSpeed(List<Long> warmMillis) {
        assertThat(warmMillis).hasSize(INVOCATIONS - 1).allSatisfy(ms -> assertThat(ms).isLessThan(750));
    }
}
