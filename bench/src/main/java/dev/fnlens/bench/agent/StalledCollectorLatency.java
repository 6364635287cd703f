package dev.fnlens.bench.agent;

import dev.fnlens.collector.Collector;
import dev.fnlens.collector.CollectorConfig;
import dev.fnlens.local.ExecutionEnvironment;
import dev.fnlens.local.FunctionSpec;
import dev.fnlens.local.InvocationResult;
import dev.fnlens.local.RuntimeFiles;
import dev.fnlens.local.RuntimeSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Caller-visible latency of warm invocations through the local runtime (the bundled {@code hello} example,
 * run by the runtime interface client as Lambda runs it): no agent, fnlens with a working collector, and
 * fnlens with a collector that accepts connections and never answers.
 *
 * <p>{@code java -cp src/target/fnlens.jar:bench/target/classes dev.fnlens.bench.agent.StalledCollectorLatency [invocations]}
 */
public final class StalledCollectorLatency {
    private StalledCollectorLatency() {
    }

    public static void main(String[] args) throws Exception {
        int invocations = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path data = Files.createTempDirectory("agent-latency");
        Path examples = Path.of("src/target/fnlens-examples.jar").toAbsolutePath();
        FunctionSpec hello = FunctionSpec.of("hello", "dev.fnlens.examples.HelloHandler::handleRequest", examples)
                .withMemoryMb(512).withTimeoutSeconds(30);
        RuntimeFiles files = RuntimeFiles.locate(data);
        List<String> rows = new ArrayList<>();
        rows.add(row("no agent", measure(hello, new RuntimeSettings(files, null, "us-east-1", data.resolve("logs")),
                invocations)));
        try (Collector collector = Collector.start(CollectorConfig.defaults().withDataDir(data.resolve("collector"))
                .withOtlpPort(0).withHttpPort(0))) {
            rows.add(row("fnlens, collector up", measure(hello, new RuntimeSettings(files,
                    "http://127.0.0.1:" + collector.otlpPort(), "us-east-1", data.resolve("logs")), invocations)));
        }
        try (ServerSocket stalled = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(stalled.accept());
                    }
                } catch (IOException closed) {
                    // done
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            rows.add(row("fnlens, collector stalled", measure(hello, new RuntimeSettings(files,
                    "http://127.0.0.1:" + stalled.getLocalPort(), "us-east-1", data.resolve("logs")), invocations)));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%d warm invocations each through the local runtime (ms)%n%n", invocations);
        System.out.println("| JVM | p50 | p90 | p99 | max |");
        System.out.println("|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    private static double[] measure(FunctionSpec hello, RuntimeSettings settings, int invocations) throws Exception {
        byte[] event = "{\"queryStringParameters\":{\"name\":\"Ada\"}}".getBytes(StandardCharsets.UTF_8);
        double[] millis = new double[invocations];
        try (ExecutionEnvironment environment = ExecutionEnvironment.start(hello, settings)) {
            for (int i = 0; i < 5; i++) {
                environment.invoke(event); // cold start and warm-up
            }
            for (int i = 0; i < invocations; i++) {
                long start = System.nanoTime();
                InvocationResult result = environment.invoke(event);
                millis[i] = (System.nanoTime() - start) / 1e6;
                if (result.failed()) {
                    throw new IllegalStateException(result.payloadText());
                }
            }
        }
        Arrays.sort(millis);
        return millis;
    }

    private static String row(String name, double[] sorted) {
        return String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f |", name, pct(sorted, 50), pct(sorted, 90),
                pct(sorted, 99), sorted[sorted.length - 1]);
    }

    private static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
