package dev.fnlens.agent.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.fnlens.agent.config.AgentConfig;
import dev.fnlens.agent.invocation.Invocation;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OtlpExportTest {

    @AfterEach
    void resetGlobal() {
        GlobalOpenTelemetry.resetForTest();
    }

    @Test
    void exportingNeitherReadsNorRegistersGlobalOpenTelemetry() throws IOException {
        GlobalOpenTelemetry.resetForTest();
        OtlpExport export = createFor(deadEndpoint());

        new InvocationSpans(export.tracer(), identity(), 0).record(invocation());
        export.exportSpans().result().join(5, java.util.concurrent.TimeUnit.SECONDS);
        export.shutdown(1_000);

        // set() throws once anything has called get() or set()
        assertThatCode(() -> GlobalOpenTelemetry.set(OpenTelemetry.noop())).doesNotThrowAnyException();
    }

    @Test
    void exportToADeadEndpoint_failsFast_andReportsTheLostSpans() throws IOException {
        OtlpExport export = createFor(deadEndpoint());
        new InvocationSpans(export.tracer(), identity(), 0).record(invocation());
        new InvocationSpans(export.tracer(), identity(), 0).record(invocation());

        long start = System.nanoTime();
        OtlpExport.Sent sent = export.exportSpans();
        sent.result().join(AgentConfig.DEFAULT_EXPORT_TIMEOUT_MS * 2, java.util.concurrent.TimeUnit.MILLISECONDS);

        assertThat(sent.items()).isEqualTo(2);
        assertThat(sent.result().isSuccess()).isFalse();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(AgentConfig.DEFAULT_EXPORT_TIMEOUT_MS);
        assertThat(export.exportSpans()).as("nothing left").isNull();
        export.shutdown(1_000);
    }

    private static OtlpExport createFor(String endpoint) {
        return OtlpExport.create(AgentConfig.load("endpoint=" + endpoint, Map.of()), identity());
    }

    private static FunctionIdentity identity() {
        return FunctionIdentity.resolve(AgentConfig.load("function_name=f", Map.of()), "p.H", LocalDate.now());
    }

    private static Invocation invocation() {
        return new Invocation("r", "p.H", null, 1_000_000_000L, 1_000_000L, false, null);
    }

    private static String deadEndpoint() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }
}
