package dev.fnlens.agent;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fnlens.collector.Collector;
import dev.fnlens.collector.CollectorConfig;
import dev.fnlens.local.ExecutionEnvironment;
import dev.fnlens.local.FunctionSpec;
import dev.fnlens.local.RuntimeFiles;
import dev.fnlens.local.RuntimeSettings;
import dev.fnlens.testing.CollectorApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What every agent end-to-end test needs: a real collector on port 0, an {@link OtlpTap} in front of it,
 * and functions run by the local runtime (a JVM per environment, the runtime interface client, the
 * agent attached through {@code JAVA_TOOL_OPTIONS}). Functions are this module's test classes plus
 * the libraries they bundle from {@code target/function-libs}.
 */
final class AgentFixture implements AutoCloseable {
    static final Path TEST_CLASSES = Path.of("target", "test-classes").toAbsolutePath();
    static final Path FUNCTION_LIBS = Path.of("target", "function-libs").toAbsolutePath();

    final Collector collector;
    final CollectorApi api;
    final OtlpTap tap;
    final RuntimeSettings settings;
    private final List<ExecutionEnvironment> environments = new ArrayList<>();

    private AgentFixture(Collector collector, OtlpTap tap, RuntimeSettings settings) {
        this.collector = collector;
        this.api = new CollectorApi(collector.httpPort());
        this.tap = tap;
        this.settings = settings;
    }

    static AgentFixture start(Path data) throws IOException {
        Collector collector = Collector.start(CollectorConfig.defaults().withDataDir(data.resolve("collector"))
                .withOtlpPort(0).withHttpPort(0));
        OtlpTap tap = new OtlpTap("http://127.0.0.1:" + collector.otlpPort());
        RuntimeSettings settings = new RuntimeSettings(RuntimeFiles.locate(data), tap.endpoint(), "us-east-1",
                data.resolve("function-logs"));
        return new AgentFixture(collector, tap, settings);
    }

    /** A function of the test classes, with the bundled libraries whose jar names start with {@code libs}. */
    static FunctionSpec function(String name, String handler, Map<String, String> environment, String... libs)
            throws IOException {
        List<Path> classpath = new ArrayList<>();
        classpath.add(TEST_CLASSES);
        for (String lib : libs) {
            try (Stream<Path> jars = Files.list(FUNCTION_LIBS)) {
                jars.filter(jar -> jar.getFileName().toString().startsWith(lib)).forEach(classpath::add);
            }
        }
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.putIfAbsent("FNLENS_DEBUG", "true"); // the agent's diagnostics go to the environment's log file only
        return new FunctionSpec(name, handler, classpath, FunctionSpec.DEFAULT_RUNTIME, 256, 30, env);
    }

    /** Skips the test on a machine without the JDK behind {@code runtime} ({@code java25}: Temurin 25). */
    static void assumeInstalled(String runtime) {
        assumeTrue(!runtime.equals("java25") || Files.isDirectory(Path.of("/usr/lib/jvm/temurin-25-jdk-amd64")),
                "skipped: Temurin 25 is not installed here");
    }

    static FunctionSpec function(String name, String handler, String... libs) throws IOException {
        return function(name, handler, Map.of(), libs);
    }

    ExecutionEnvironment start(FunctionSpec function) throws IOException {
        ExecutionEnvironment environment = ExecutionEnvironment.start(function, settings);
        environments.add(environment);
        return environment;
    }

    /** The span of one invocation; on failure, says what the environment printed. */
    RecordedSpan awaitSpan(ExecutionEnvironment environment, String requestId) throws Exception {
        try {
            return tap.awaitSpan(requestId, Duration.ofSeconds(60));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- environment output:\n" + printed(environment), e);
        }
    }

    /** Events of the function's log group, polled until the condition holds. */
    List<JsonNode> awaitEvents(FunctionSpec function, Predicate<List<JsonNode>> done) throws Exception {
        return api.awaitEvents(function.logGroup(), "", done, Duration.ofSeconds(30));
    }

    /** The function's own lines (not START/END/REPORT) of one invocation, polled until {@code done}. */
    List<String> appLines(FunctionSpec function, String requestId, Predicate<List<String>> done) throws Exception {
        List<JsonNode> events = awaitEvents(function, found -> done.test(appLines(found, requestId)));
        return appLines(events, requestId);
    }

    static List<String> appLines(List<JsonNode> events, String requestId) {
        return events.stream()
                .map(e -> e.path("@message").asText())
                .filter(m -> m.contains("\t" + requestId + "\t"))
                .sorted()
                .toList();
    }

    static List<String> lines(List<JsonNode> events, String requestId) {
        return events.stream().filter(e -> requestId.equals(e.path("@requestId").asText()))
                .map(e -> e.path("@message").asText()).toList();
    }

    /** What the environment printed, as kept by the local runtime (the agent must swallow nothing). */
    String printed(ExecutionEnvironment environment) throws IOException {
        Path log = environment.logFile(settings);
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String resource(String name) throws IOException {
        try (var in = AgentFixture.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IOException("no test event " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        environments.forEach(ExecutionEnvironment::close);
        tap.close();
        collector.close();
    }
}
