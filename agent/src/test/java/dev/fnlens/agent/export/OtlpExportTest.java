package dev.fnlens.agent.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.agent.config.AgentConfig;
import dev.fnlens.agent.invocation.Invocation;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpExportTest {

    @Test
    void exportToADeadEndpoint_failsFast_andEmptiesTheBatch() throws IOException {
        OtlpExport export = OtlpExport.create(AgentConfig.load("endpoint=" + deadEndpoint(), Map.of()), identity());
        InvocationSpans spans = new InvocationSpans(identity(), 0);
        spans.record(invocation(), export.spans);
        spans.record(invocation(), export.spans);
        assertThat(export.spans.count()).isEqualTo(2);

        long start = System.nanoTime();
        boolean taken = export.post(export.spans);

        assertThat(taken).isFalse();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(AgentConfig.DEFAULT_EXPORT_TIMEOUT_MS);
        assertThat(export.spans.count()).as("nothing left").isZero();
        export.close();
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
