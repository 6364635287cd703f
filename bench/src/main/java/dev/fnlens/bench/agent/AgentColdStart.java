package dev.fnlens.bench.agent;

import dev.fnlens.bench.ingest.DataDirs;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Cold start, memory and jar size of the agent: a hello handler run by the AWS Lambda runtime interface
 * client against a fake Lambda ({@link FakeLambda}), with no agent, with fnlens (attached as
 * {@code -agentlib:instrument=}, as docs/agent.md recommends, and as {@code -javaagent}), and with the official
 * OpenTelemetry Java agent (exporters off), in rounds of one run each, in a shuffled order. Per run: process start to
 * the first response, then 20 warm invocations, then the process's resident set (VmRSS) and its peak (VmHWM).
 * Medians over the rounds, and the median of the same-round ratios to no agent ({@link PairedRatio}).
 *
 * <p>{@code java -cp bench/target/fnlens-bench.jar dev.fnlens.bench.agent.AgentColdStart [runs] [bench/target/agent-bench]}
 *
 * <p>{@code -DthreadCpu=true} adds the CPU time each kind of thread had used when the first response arrived (and how
 * long the main thread was runnable but without a core):
 * on a shared machine it moves far less than wall time, so it shows where an agent's start-up work goes.
 */
public final class AgentColdStart {
    private static final String RUNTIME_CLIENT = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final int WARM_INVOCATIONS = 20;
    /** JVMs started so far: names their output files under {@code -DchildOutput=<dir>}. */
    private static final java.util.concurrent.atomic.AtomicInteger STARTED = new java.util.concurrent.atomic.AtomicInteger();
    /** -DthreadCpu=true: the CPU time of each kind of thread when the first response arrived, another table. */
    private static final boolean THREAD_CPU = Boolean.getBoolean("threadCpu");

    private AgentColdStart() {
    }

    record Sample(double firstResponseMs, double heldMs, boolean registered, long rssKib, long hwmKib, Map<String, Double> cpuMs) {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Path dir = Path.of(args.length > 1 ? args[1] : "bench/target/agent-bench").toAbsolutePath();
        Path taskRoot = taskRoot();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { // also on Ctrl-C
            try {
                DataDirs.delete(taskRoot);
            } catch (IOException e) {
                System.err.println("could not delete " + taskRoot + ": " + e);
            }
        }));
        String classpath = classpath(dir.resolve("lib"));
        Map<String, List<String>> variants = new LinkedHashMap<>();
        variants.put("no agent", List.of());
        variants.put("fnlens", List.of("-agentlib:instrument=" + dir.resolve("fnlens-agent.jar")));
        // the same agent through the option most guides give: the JVM then adds the java.instrument module to
        // the boot layer, which turns off the CDS archive's module graph (see docs/agent.md, "Attaching")
        variants.put("fnlens via -javaagent", List.of("-javaagent:" + dir.resolve("fnlens-agent.jar")));
        variants.put("OpenTelemetry Java agent", List.of("-javaagent:" + dir.resolve("opentelemetry-javaagent.jar")));
        // more fnlens configurations to compare, e.g. -Dvariants='no extension=extension=false;no logs=logs=false'
        for (String extra : System.getProperty("variants", "").split(";")) {
            int eq = extra.indexOf('=');
            if (eq > 0) {
                variants.put("fnlens " + extra.substring(0, eq),
                        List.of("-agentlib:instrument=" + dir.resolve("fnlens-agent.jar") + "=" + extra.substring(eq + 1)));
            }
        }
        // other builds of the agent in the same run, e.g. -DagentJars='before=/tmp/old/fnlens-agent.jar'
        for (String extra : System.getProperty("agentJars", "").split(";")) {
            int eq = extra.indexOf('=');
            if (eq > 0) {
                variants.put("fnlens " + extra.substring(0, eq),
                        List.of("-agentlib:instrument=" + Path.of(extra.substring(eq + 1)).toAbsolutePath()));
            }
        }
        if (Boolean.getBoolean("skipPeer")) {
            variants.remove("OpenTelemetry Java agent");
        }
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        variants.keySet().forEach(v -> samples.put(v, new ArrayList<>()));

        // each round in its own order, so that no variant always follows the same one (page cache, CPU frequency)
        java.util.Random order = new java.util.Random(Long.getLong("seed", 1));
        for (int run = 0; run < runs; run++) {
            List<Map.Entry<String, List<String>>> round = new ArrayList<>(variants.entrySet());
            java.util.Collections.shuffle(round, order);
            for (Map.Entry<String, List<String>> variant : round) {
                Sample sample = once(variant.getValue(), classpath, taskRoot);
                samples.get(variant.getKey()).add(sample);
                System.err.printf(Locale.ROOT, "run %d %-26s first response %7.1f ms  held %5.1f ms%s  rss %6.1f MB%n",
                        run + 1, variant.getKey(), sample.firstResponseMs(), sample.heldMs(),
                        sample.registered() ? "" : " (no extension yet)", sample.rssKib() / 1024.0);
            }
        }

        double base = median(samples.get("no agent"), Sample::firstResponseMs);
        double baseRss = median(samples.get("no agent"), s -> s.rssKib() / 1024.0);
        System.out.println();
        System.out.printf(Locale.ROOT, "%d runs each, medians; hello handler under the runtime interface client%n%n", runs);
        System.out.println("| JVM | first response | vs no agent | same round vs no agent: median [95 % CI]"
                + " | held for the extension (rounds it had registered) | RSS after 21 invocations | added RSS | peak RSS |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Map.Entry<String, List<Sample>> entry : samples.entrySet()) {
            double first = median(entry.getValue(), Sample::firstResponseMs);
            double rss = median(entry.getValue(), s -> s.rssKib() / 1024.0);
            double hwm = median(entry.getValue(), s -> s.hwmKib() / 1024.0);
            double held = median(entry.getValue(), Sample::heldMs);
            long registered = entry.getValue().stream().filter(Sample::registered).count();
            System.out.printf(Locale.ROOT, "| %s | %.0f ms | %+.0f %% | %s | %.1f ms (%d of %d) | %.1f MB | %+.1f MB | %.1f MB |%n",
                    entry.getKey(), first, (first / base - 1) * 100,
                    PairedRatio.of(samples.get("no agent"), entry.getValue(), Sample::firstResponseMs),
                    held, registered, entry.getValue().size(), rss, rss - baseRss, hwm);
        }
        if (THREAD_CPU) {
            System.out.println();
            System.out.println("CPU time until the first response (medians, ms), by thread:");
            System.out.println();
            System.out.println("| JVM | main | JIT compilers | agent | other JVM | total | main thread runnable, waiting for a core |");
            System.out.println("|---|---|---|---|---|---|---|");
            for (Map.Entry<String, List<Sample>> entry : samples.entrySet()) {
                StringBuilder row = new StringBuilder("| " + entry.getKey() + " |");
                for (String kind : List.of("main", "compiler", "agent", "other", "total", "main waiting")) {
                    row.append(String.format(Locale.ROOT, " %.1f |",
                            median(entry.getValue(), s -> s.cpuMs().getOrDefault(kind, 0.0))));
                }
                System.out.println(row);
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "jar sizes: fnlens-agent.jar %.2f MB, opentelemetry-javaagent.jar %.2f MB%n",
                Files.size(dir.resolve("fnlens-agent.jar")) / 1048576.0,
                Files.size(dir.resolve("opentelemetry-javaagent.jar")) / 1048576.0);
    }

    private static Sample once(List<String> agentArgs, String classpath, Path taskRoot) throws Exception {
        try (FakeLambda lambda = new FakeLambda()) {
            lambda.enqueue("cold-1", "{\"name\":\"Ada\"}");
            for (int i = 0; i < WARM_INVOCATIONS; i++) {
                lambda.enqueue("warm-" + i, "{\"name\":\"Grace\"}");
            }
            List<String> command = new ArrayList<>(List.of(javaCommand(), "-Xmx435m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
            String extra = System.getProperty("jvmFlags", "");
            if (!extra.isBlank()) {
                command.addAll(List.of(extra.trim().split("\\s+")));
            }
            command.addAll(agentArgs);
            command.addAll(List.of("-cp", classpath, RUNTIME_CLIENT, HelloHandler.class.getName() + "::handleRequest"));
            String outputDir = System.getProperty("childOutput"); // e.g. with -Dvariants='debug=debug=true'
            ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile())
                    .redirectErrorStream(true).redirectOutput(outputDir == null ? ProcessBuilder.Redirect.DISCARD
                            : ProcessBuilder.Redirect.to(Path.of(outputDir, "jvm-" + STARTED.incrementAndGet()
                                    + ".log").toFile()));
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("FNLENS_") || k.startsWith("OTEL_")
                    || k.equals("JAVA_TOOL_OPTIONS"));
            env.put("AWS_LAMBDA_RUNTIME_API", lambda.address());
            env.put("AWS_LAMBDA_FUNCTION_NAME", "hello");
            env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
            env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
            env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/hello");
            env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[$LATEST]00000000000000000000000000000000");
            env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
            env.put("AWS_REGION", "us-east-1");
            env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
            env.put("_HANDLER", HelloHandler.class.getName() + "::handleRequest");
            env.put("FNLENS_ENDPOINT", "http://127.0.0.1:" + deadPort());
            env.put("OTEL_TRACES_EXPORTER", "none");
            env.put("OTEL_METRICS_EXPORTER", "none");
            env.put("OTEL_LOGS_EXPORTER", "none");
            long start = System.nanoTime();
            Process process = builder.start();
            try {
                long first = lambda.awaitResponse("cold-1", 120_000);
                if (first < 0) {
                    throw new IllegalStateException("no first response: " + command);
                }
                Map<String, Double> cpu = THREAD_CPU ? threadTimesMs(process.pid()) : Map.of();
                lambda.awaitResponse("warm-" + (WARM_INVOCATIONS - 1), 60_000);
                Thread.sleep(500);
                long[] memory = memoryKib(process.pid());
                String jcmd = System.getProperty("jcmd"); // a diagnostic command to run before the process ends
                if (jcmd != null) {
                    List<String> diagnostic = new ArrayList<>(List.of(
                            Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(process.pid())));
                    diagnostic.addAll(List.of(jcmd.split("\\s+")));
                    new ProcessBuilder(diagnostic)
                            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start().waitFor();
                }
                return new Sample((first - start) / 1e6, lambda.firstHeldMs(), lambda.registeredAtFirstEvent(), memory[0], memory[1], cpu);
            } finally {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * CPU time (ms) of a process's threads by kind: the main thread, the JIT compiler threads, fnlens' threads,
     * the rest (the JVM's own, and other agents' threads), and the total; and, not CPU, how long the main thread was
     * runnable without a core ("main waiting"). From each thread's schedstat (nanoseconds, unlike stat's ticks).
     */
    static Map<String, Double> threadTimesMs(long pid) throws IOException {
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (String kind : List.of("main", "compiler", "agent", "other", "total", "main waiting")) {
            cpu.put(kind, 0.0);
        }
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                String comm;
                double ms;
                double waitingMs;
                try {
                    comm = Files.readString(task.resolve("comm")).trim();
                    String[] schedstat = Files.readString(task.resolve("schedstat")).trim().split(" ");
                    ms = Long.parseLong(schedstat[0]) / 1e6;
                    waitingMs = Long.parseLong(schedstat[1]) / 1e6; // runnable, but no core free
                } catch (IOException e) {
                    continue; // the thread ended meanwhile
                }
                String kind = comm.equals("java") && task.getFileName().toString().equals(Long.toString(pid)) ? "other"
                        : comm.equals("java") ? "main"
                        : comm.startsWith("C1 ") || comm.startsWith("C2 ") ? "compiler"
                        : comm.startsWith("fnlens") ? "agent"
                        : "other";
                cpu.merge(kind, ms, Double::sum);
                cpu.merge("total", ms, Double::sum);
                if (kind.equals("main")) {
                    cpu.put("main waiting", waitingMs);
                }
            }
        }
        return cpu;
    }

    /** {VmRSS, VmHWM} of a process, KiB. */
    static long[] memoryKib(long pid) throws IOException {
        long rss = -1;
        long hwm = -1;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", ""));
            } else if (line.startsWith("VmHWM:")) {
                hwm = Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return new long[] {rss, hwm};
    }

    /** The handler class alone, as a deployment package in the task root. */
    private static Path taskRoot() throws IOException {
        Path root = Files.createTempDirectory("agent-bench-task");
        String entry = HelloHandler.class.getName().replace('.', '/') + ".class";
        Path file = root.resolve(entry);
        Files.createDirectories(file.getParent());
        try (InputStream in = HelloHandler.class.getClassLoader().getResourceAsStream(entry)) {
            Files.copy(in, file);
        }
        return root;
    }

    private static String classpath(Path lib) throws IOException {
        try (Stream<Path> jars = Files.list(lib)) {
            return String.join(File.pathSeparator, jars.map(Path::toString).sorted().toList());
        }
    }

    static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int deadPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static double median(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> value) {
        double[] values = samples.stream().mapToDouble(value).sorted().toArray();
        return values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }
}
