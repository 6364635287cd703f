package dev.fnlens.local;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One Lambda execution environment: a fresh JVM running the AWS Lambda runtime interface client against
 * this environment's own Runtime API, with the fnlens agent attached through {@code JAVA_TOOL_OPTIONS} as a
 * layer would attach it ({@code -agentlib:instrument=}). It serves one invocation at a time; a timed-out invocation kills it.
 */
public final class ExecutionEnvironment implements AutoCloseable {
    private static final String RUNTIME_CLIENT = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Lambda gives initialisation 10 s, then retries it within the first invocation's own timeout. */
    private static final long INIT_LIMIT_MS = 10_000;

    private final FunctionSpec function;
    private final String logStream;
    private final RuntimeApiServer runtimeApi;
    private final Process process;
    private volatile boolean dead;

    private ExecutionEnvironment(FunctionSpec function, String logStream, RuntimeApiServer runtimeApi, Process process) {
        this.function = function;
        this.logStream = logStream;
        this.runtimeApi = runtimeApi;
        this.process = process;
    }

    public static ExecutionEnvironment start(FunctionSpec function, RuntimeSettings settings) throws IOException {
        String logStream = newLogStreamName();
        RuntimeApiServer runtimeApi = new RuntimeApiServer(function, function.arn(settings.region()));
        try {
            ProcessBuilder builder = new ProcessBuilder(command(function, settings));
            // a clean environment, as on Lambda: nothing of the shell that started fnlens leaks into functions
            builder.environment().clear();
            builder.environment().putAll(environment(function, settings, logStream, runtimeApi.address()));
            Files.createDirectories(settings.logDir());
            File log = logFile(settings, logStream).toFile();
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log));
            return new ExecutionEnvironment(function, logStream, runtimeApi, builder.start());
        } catch (IOException | RuntimeException e) {
            runtimeApi.close();
            throw e;
        }
    }

    /** Runs one event to completion, or to the function's timeout (which ends this environment). */
    public InvocationResult invoke(byte[] event) throws InterruptedException {
        return invoke(event, null);
    }

    /**
     * @param traceHeader the caller's {@code X-Amzn-Trace-Id}, handed to the function as Lambda does; null for a
     *                    new trace
     */
    public InvocationResult invoke(byte[] event, String traceHeader) throws InterruptedException {
        long timeoutMs = function.timeoutSeconds() * 1000L;
        String requestId = UUID.randomUUID().toString();
        String traceId = traceHeader != null ? traceHeader : XRayTraceHeader.newRoot();
        var submitted = runtimeApi.submit(requestId, event, timeoutMs, traceId);
        try {
            // a cold start's initialisation has its own limit, as on Lambda; the timeout runs from the invoke
            long deadline = submitted.deadline().get(INIT_LIMIT_MS + timeoutMs, TimeUnit.MILLISECONDS);
            return submitted.result().get(Math.max(0, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            close();
            return InvocationResult.error(requestId, "Sandbox.Timedout", Instant.now() + " " + requestId
                    + String.format(Locale.ROOT, " Task timed out after %.2f seconds", (double) function.timeoutSeconds()));
        } catch (ExecutionException e) {
            close();
            return InvocationResult.error(requestId, "Runtime.ExitError", e.getCause().getMessage());
        }
    }

    public FunctionSpec function() {
        return function;
    }

    public String logStream() {
        return logStream;
    }

    /** Where this environment's stdout and stderr are kept, as CloudWatch keeps a log stream. */
    public Path logFile(RuntimeSettings settings) {
        return logFile(settings, logStream);
    }

    private static Path logFile(RuntimeSettings settings, String logStream) {
        return settings.logDir().resolve(logStream.replaceAll("[^A-Za-z0-9]+", "_") + ".log");
    }

    public boolean isAlive() {
        return !dead && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Stops the JVM: SIGTERM first so the agent's shutdown flush runs, then SIGKILL if it lingers. */
    @Override
    public void close() {
        dead = true;
        runtimeApi.close();
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        tree.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                tree.forEach(ProcessHandle::destroyForcibly);
                process.waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            tree.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> command(FunctionSpec function, RuntimeSettings settings) {
        String classpath = Stream.concat(function.classpath().stream(), settings.files().runtimeClasspath().stream())
                .map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>();
        command.add(JavaRuntimes.javaCommand(function.runtime()));
        // what Lambda's managed Java runtime does: heap at ~85 % of the memory size, quick start-up flags
        command.add("-Xmx" + Math.max(16, function.memoryMb() * 85 / 100) + "m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xshare:auto");
        Path jni = RuntimeClientJni.library(settings.files().runtimeClasspath());
        if (jni != null) {
            command.add("-D" + RuntimeClientJni.PROPERTY + "=" + jni);
        }
        command.add("-cp");
        command.add(classpath);
        command.add(RUNTIME_CLIENT);
        command.add(function.handler());
        return command;
    }

    private static Map<String, String> environment(FunctionSpec function, RuntimeSettings settings, String logStream,
                                                   String runtimeApi) {
        Map<String, String> env = new HashMap<>(function.environment());
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", function.logGroup());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", logStream);
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_REGION", settings.region());
        env.put("AWS_DEFAULT_REGION", settings.region());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + function.runtime());
        env.put("_HANDLER", function.handler());
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("TZ", ":UTC");
        if (settings.collectorEndpoint() != null) {
            // the function's own JVM options stay, after the agent (e.g. -Djavax.net.ssl.trustStore for an https collector)
            String own = function.environment().getOrDefault("JAVA_TOOL_OPTIONS", "");
            // -agentlib:instrument rather than -javaagent: the same agent, a faster start (docs/agent.md, "Attaching it")
            env.put("JAVA_TOOL_OPTIONS",
                    ("-agentlib:instrument=" + settings.files().agentJar() + " " + own).strip());
            env.put("FNLENS_ENDPOINT", settings.collectorEndpoint());
            String token = System.getenv("FNLENS_TOKEN"); // the ingest token the agent sends, as a layer's config would
            if (token != null) {
                env.put("FNLENS_TOKEN", token);
            }
        }
        return env;
    }

    /** Lambda's shape: {@code 2026/11/26/[$LATEST]} and 32 hex digits. */
    static String newLogStreamName() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy/MM/dd"))
                + "/[$LATEST]" + HexFormat.of().formatHex(id);
    }
}
