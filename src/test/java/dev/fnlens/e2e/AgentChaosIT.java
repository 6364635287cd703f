package dev.fnlens.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnlens.collector.Collector;
import dev.fnlens.collector.CollectorConfig;
import dev.fnlens.local.ExecutionEnvironment;
import dev.fnlens.local.FunctionSpec;
import dev.fnlens.local.InvocationResult;
import dev.fnlens.local.RuntimeFiles;
import dev.fnlens.local.RuntimeSettings;
import dev.fnlens.testing.CollectorApi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A function JVM with the agent keeps being invoked while its collector is healthy, then
 * down, then stalling every request, then answering garbage, then healthy again. Throughout,
 * invocations succeed at the healthy phase's speed and the function JVM's heap after a full
 * GC stays where it was; once the collector is back, the telemetry of new invocations
 * arrives again.
 *
 * <p>CI runs {@value #CI_PHASE_SECONDS} s per phase; minutes per phase:
 * {@code mvn -pl src verify -Dit.test=AgentChaosIT -Dfnlens.chaos.phase-seconds=180}.
 */
class AgentChaosIT {
    static final int CI_PHASE_SECONDS = 8;
    private static final long PHASE_SECONDS = Long.getLong("fnlens.chaos.phase-seconds", CI_PHASE_SECONDS);
    /** Longer: {@code -Dfnlens.chaos.not-http-seconds=120}. */
    private static final long NOT_HTTP_SECONDS = Long.getLong("fnlens.chaos.not-http-seconds", 16);
    /** Small, so that a stalled collector fills it and the drop path runs. */
    private static final String QUEUE_SIZE = "8";
    private static final Pattern USED = Pattern.compile("generation\\s+total \\d+K, used (\\d+)K");

    @TempDir
    Path data;

    private record Phase(ChaosCollector.Mode mode, List<Long> micros, List<String> ids, long heapKb, long requests) {
        long p(int percent) {
            List<Long> sorted = micros.stream().sorted().toList();
            return sorted.get(Math.max(0, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
        }

        long max() {
            return micros.stream().mapToLong(Long::longValue).max().orElse(0);
        }

        @Override
        public String toString() {
            return String.format("%-8s %5d invocations  p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms  heap after GC %6d KB"
                    + "  requests seen by the collector %d", mode, micros.size(), p(50) / 1000.0, p(95) / 1000.0,
                    max() / 1000.0, heapKb, requests);
        }
    }

    @Test
    void collectorDownSlowOrGarbage_functionLatencyAndAgentMemoryUnchanged_telemetryResumes() throws Exception {
        // given: a real collector behind a switchable stand-in, and a function JVM with the agent
        try (Collector collector = Collector.start(CollectorConfig.defaults().withDataDir(data.resolve("collector"))
                .withOtlpPort(0).withHttpPort(0));
             ChaosCollector chaos = new ChaosCollector("http://127.0.0.1:" + collector.otlpPort(), Duration.ofSeconds(30))) {
            RuntimeSettings settings = new RuntimeSettings(RuntimeFiles.locate(data), chaos.url(), "us-east-1",
                    data.resolve("function-logs"));
            FunctionSpec hello = FunctionSpec.of("chaos", "dev.fnlens.examples.HelloHandler::handleRequest",
                    Path.of("target", "fnlens-examples.jar"));
            FunctionSpec function = new FunctionSpec(hello.name(), hello.handler(), hello.classpath(), hello.runtime(),
                    256, 20, Map.of("FNLENS_QUEUE_SIZE", QUEUE_SIZE));
            List<Phase> phases = new ArrayList<>();
            try (ExecutionEnvironment environment = ExecutionEnvironment.start(function, settings)) {
                for (int i = 0; i < 20; i++) {
                    invoke(environment); // cold start and JIT warm-up, not measured
                }

                // when: healthy, down, stalled, garbage, healthy again
                for (ChaosCollector.Mode mode : List.of(ChaosCollector.Mode.FORWARD, ChaosCollector.Mode.DOWN,
                        ChaosCollector.Mode.SLOW, ChaosCollector.Mode.GARBAGE, ChaosCollector.Mode.FORWARD)) {
                    phases.add(phase(environment, chaos, mode));
                    System.out.println("agent chaos: " + phases.get(phases.size() - 1));
                }
            }

            // then: the function never noticed
            Phase healthy = phases.get(0);
            long p95Bound = Math.max(3 * healthy.p(95), healthy.p(95) + 50_000);
            for (Phase phase : phases) {
                assertThat(phase.micros()).as("invocations in %s", phase.mode()).isNotEmpty();
                assertThat(phase.p(95)).as("p95 µs while the collector is %s (healthy: %d)", phase.mode(), healthy.p(95))
                        .isLessThanOrEqualTo(p95Bound);
                assertThat(phase.max()).as("slowest invocation (µs) while the collector is %s", phase.mode())
                        .isLessThan(1_000_000);
                assertThat(phase.heapKb()).as("function heap after GC (KB) while the collector is %s", phase.mode())
                        .isLessThan(healthy.heapKb() + 16 * 1024);
            }
            assertThat(phases.get(2).requests()).as("the agent kept trying the stalled collector").isPositive();
            assertThat(phases.get(3).requests()).as("the agent kept trying the garbage collector").isPositive();

            // and telemetry resumes once the collector is back
            Phase back = phases.get(4);
            int from = Math.max(back.ids().size() / 4, back.ids().size() - 300); // the newest: one search shows them
            List<String> afterReturn = back.ids().subList(from, back.ids().size());
            Set<String> found = awaitReports(new CollectorApi(collector.httpPort()), afterReturn);
            assertThat(found).as("invocations after the collector came back").containsAll(afterReturn);
        }
    }

    /**
     * The reproduction of a leak the agent had with the JDK HTTP client: while the collector answered bytes
     * that are not HTTP, every export left ~23 KB reachable in the function's heap.
     */
    @Test
    void agentHeap_staysFlat_whileTheCollectorAnswersBytesThatAreNotHttp() throws Exception {
        try (ChaosCollector chaos = new ChaosCollector("http://127.0.0.1:9", Duration.ofSeconds(1))) {
            chaos.mode(ChaosCollector.Mode.NOT_HTTP);
            RuntimeSettings settings = new RuntimeSettings(RuntimeFiles.locate(data), chaos.url(), "us-east-1",
                    data.resolve("function-logs"));
            FunctionSpec function = FunctionSpec.of("not-http", "dev.fnlens.examples.HelloHandler::handleRequest",
                    Path.of("target", "fnlens-examples.jar"));
            try (ExecutionEnvironment environment = ExecutionEnvironment.start(function, settings)) {
                // given: warmed up against the broken collector (classes loaded, JIT, first failures counted)
                invokeFor(environment, Duration.ofSeconds(4));
                long requestsBefore = chaos.requests();
                long before = heapAfterGcKb(environment.pid());

                // when: many more exports meet bytes that are not HTTP
                invokeFor(environment, Duration.ofSeconds(NOT_HTTP_SECONDS));
                long after = heapAfterGcKb(environment.pid());
                long exports = chaos.requests() - requestsBefore;

                // then: what the failed exchanges allocated was all collectable
                System.out.println("agent vs not-HTTP collector: " + exports + " exports, heap after GC " + before
                        + " KB -> " + after + " KB");
                assertThat(exports).as("exports that met garbage").isGreaterThan(50);
                assertThat(after - before).as("heap growth (KB) over %d failed exports", exports)
                        .isLessThan(Math.max(1_024, exports * 4));
            }
        }
    }

    private static void invokeFor(ExecutionEnvironment environment, Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            invoke(environment);
            Thread.sleep(5);
        }
    }

    private Phase phase(ExecutionEnvironment environment, ChaosCollector chaos, ChaosCollector.Mode mode)
            throws Exception {
        chaos.mode(mode);
        long requestsBefore = chaos.requests();
        List<Long> micros = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(PHASE_SECONDS);
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            ids.add(invoke(environment));
            micros.add((System.nanoTime() - t0) / 1_000);
            Thread.sleep(5);
        }
        return new Phase(mode, micros, ids, heapAfterGcKb(environment.pid()), chaos.requests() - requestsBefore);
    }

    private static String invoke(ExecutionEnvironment environment) throws InterruptedException {
        InvocationResult result = environment.invoke("{\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(result.failed()).as(result.payloadText()).isFalse();
        assertThat(result.payloadText()).contains("Hello, Ada!");
        return result.requestId();
    }

    /** Young plus old generation in use after a full GC of the function JVM (it runs the serial collector). */
    private static long heapAfterGcKb(long pid) throws Exception {
        jcmd(pid, "GC.run");
        Matcher used = USED.matcher(jcmd(pid, "GC.heap_info"));
        long kb = 0;
        while (used.find()) {
            kb += Long.parseLong(used.group(1));
        }
        assertThat(kb).as("heap info of the function JVM").isPositive();
        return kb;
    }

    private static String jcmd(long pid, String command) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private static Set<String> awaitReports(CollectorApi api, List<String> ids) throws Exception {
        Set<String> found = new HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!found.containsAll(ids) && System.nanoTime() < deadline) {
            for (JsonNode e : api.search("/aws/lambda/chaos", "@type:REPORT")) {
                found.add(e.get("@requestId").asText());
            }
            Thread.sleep(250);
        }
        return found;
    }
}
