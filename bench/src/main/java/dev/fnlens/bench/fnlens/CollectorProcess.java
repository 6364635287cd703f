package dev.fnlens.bench.fnlens;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real fnlens collector in its own JVM, started from the fnlens jar as a user would
 * ({@code java -jar fnlens.jar collector --data DIR}), on free ports. {@link #close()} sends
 * SIGTERM, which drains and commits, and waits for the exit.
 */
public final class CollectorProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("otlp (http://\\S+) ui (http://\\S+?)/?$");

    private final Process process;
    private final URI otlp;
    private final URI http;
    private final Thread shutdownHook;
    private boolean closed;

    /**
     * @param jar     {@code src/target/fnlens.jar}
     * @param heap    {@code -Xms} and {@code -Xmx}, e.g. {@code 1g}
     * @param jvmArgs more JVM options, e.g. a JFR recording
     * @param log     where its stderr goes
     * @param args    more collector options, e.g. {@code --config FILE}
     */
    public record Config(Path jar, Path dataDir, String heap, List<String> jvmArgs, Path log, List<String> args) {
        public Config(Path jar, Path dataDir, String heap, List<String> jvmArgs, Path log) {
            this(jar, dataDir, heap, jvmArgs, log, List.of());
        }
    }

    private CollectorProcess(Process process, URI otlp, URI http) {
        this.process = process;
        this.otlp = otlp;
        this.http = http;
        this.shutdownHook = new Thread(this::close, "fnlens-collector-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static CollectorProcess start(Config config) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms" + config.heap(), "-Xmx" + config.heap()));
        command.addAll(config.jvmArgs());
        command.addAll(List.of("-jar", config.jar().toString(), "collector",
                "--data", config.dataDir().toString(), "--otlp-port", "0", "--http-port", "0"));
        command.addAll(config.args());
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(config.log().toFile()))
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Matcher> ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Matcher m = READY.matcher(line.strip());
                    if (m.find()) {
                        return m;
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        try {
            Matcher m = ready.get(120, TimeUnit.SECONDS);
            if (m == null) {
                throw new IOException("collector exited (" + process.waitFor() + "); see " + config.log());
            }
            drain(out);
            return new CollectorProcess(process, URI.create(m.group(1)), URI.create(m.group(2)));
        } catch (Exception e) {
            process.destroyForcibly();
            throw e instanceof IOException io ? io : new IOException("collector did not start; see " + config.log(), e);
        }
    }

    /** Keeps reading stdout so the collector can never block on a full pipe. */
    private static void drain(BufferedReader out) {
        Thread t = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discard
                }
            } catch (IOException e) {
                // process gone
            }
        }, "collector-stdout");
        t.setDaemon(true);
        t.start();
    }

    public URI otlp() {
        return otlp;
    }

    public URI http() {
        return http;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGTERM, then wait (up to 2 minutes) for the drain and the final commit. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: this is the hook running
        }
    }
}
