package dev.fnlens.testkit.opensearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An OpenSearch node from the Maven Central distribution zip, for benchmarks and
 * integration tests:
 *
 * <pre>{@code
 * try (OpenSearchNode node = OpenSearchNode.start(OpenSearchNode.Config.of(zip, workDir))) {
 *     Http.get(node.uri().resolve("/_cluster/health"));
 * }
 * }</pre>
 *
 * It binds 127.0.0.1, on free ports unless {@link Config#withPorts} fixes them, with an
 * explicit heap. OpenSearch refuses to run as root, so a root JVM runs it as an unprivileged
 * user (created when missing). {@link #stop()} and {@link #restart()} keep the ports and the
 * data; {@link #kill()} makes it die (SIGKILL); {@link #close()} (also run on JVM shutdown,
 * e.g. Ctrl-C) stops it with SIGTERM and waits.
 */
public final class OpenSearchNode implements AutoCloseable {
    public static final String DEFAULT_USER = "fnlens-opensearch";

    private final Config config;
    private final Thread shutdownHook;
    private volatile Process launcher;
    private volatile long pid;
    private volatile boolean closed;

    /**
     * @param distribution  the {@code integ-test-zip} zip
     * @param installDir    where it is unpacked (reused when already there); OpenSearch writes into it
     * @param dataDir       {@code path.data}; kept across starts
     * @param logsDir       {@code path.logs}, and {@code console.log} (the node's output)
     * @param heap          {@code -Xms} and {@code -Xmx}, e.g. {@code 1g}
     * @param user          the unprivileged user it runs as when this JVM is root
     * @param httpPort      0 for a free port, chosen at start and kept across restarts
     * @param transportPort 0 for a free port, likewise
     * @param settings      {@code -E} settings besides those the launcher sets (network, ports, paths)
     */
    public record Config(Path distribution, Path installDir, Path dataDir, Path logsDir, String heap, String user,
                         Duration startTimeout, int httpPort, int transportPort, Map<String, String> settings) {
        public Config {
            settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        }

        /** A single-node cluster named {@code fnlens}, heap 1g, everything under {@code workDir}. */
        public static Config of(Path distribution, Path workDir) {
            Path home = workDir.resolve("opensearch-home");
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("cluster.name", "fnlens");
            settings.put("node.name", "node-1");
            settings.put("discovery.type", "single-node");
            return new Config(distribution, home, workDir.resolve("opensearch-data"), home.resolve("logs"), "1g",
                    DEFAULT_USER, Duration.ofMinutes(4), 0, 0, settings);
        }

        public Config withHeap(String heap) {
            return new Config(distribution, installDir, dataDir, logsDir, heap, user, startTimeout, httpPort,
                    transportPort, settings);
        }

        public Config withDataDir(Path dir) {
            return new Config(distribution, installDir, dir, logsDir, heap, user, startTimeout, httpPort,
                    transportPort, settings);
        }

        public Config withPorts(int http, int transport) {
            return new Config(distribution, installDir, dataDir, logsDir, heap, user, startTimeout, http, transport,
                    settings);
        }

        /** Sets an {@code -E} setting; a null value removes it. */
        public Config withSetting(String key, String value) {
            Map<String, String> s = new LinkedHashMap<>(settings);
            if (value == null) {
                s.remove(key);
            } else {
                s.put(key, value);
            }
            return new Config(distribution, installDir, dataDir, logsDir, heap, user, startTimeout, httpPort,
                    transportPort, s);
        }

        public String nodeName() {
            return settings.getOrDefault("node.name", "node-1");
        }
    }

    private OpenSearchNode(Config config) {
        this.config = config;
        this.shutdownHook = new Thread(this::close, "opensearch-stop-" + config.nodeName());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Unpacks the distribution if needed, starts the node and waits until it answers. */
    public static OpenSearchNode start(Config config) throws IOException {
        if (!Files.isRegularFile(config.distribution())) {
            throw new IOException("no OpenSearch distribution at " + config.distribution()
                    + " (the build copies it into target/opensearch/)");
        }
        int[] free = freePorts(2);
        Config c = new Config(config.distribution(), config.installDir().toAbsolutePath(),
                config.dataDir().toAbsolutePath(), config.logsDir().toAbsolutePath(), config.heap(), config.user(),
                config.startTimeout(), config.httpPort() == 0 ? free[0] : config.httpPort(),
                config.transportPort() == 0 ? free[1] : config.transportPort(), config.settings());
        try {
            Distribution.unpack(c.distribution(), c.installDir());
            Files.createDirectories(c.dataDir());
            Files.createDirectories(c.logsDir());
            Files.deleteIfExists(c.logsDir().resolve("console.log"));
        } catch (IOException e) {
            throw new IOException("OpenSearch " + c.nodeName() + " could not be set up: " + e, e);
        }
        OpenSearchNode node = new OpenSearchNode(c);
        try {
            node.launch();
        } catch (IOException | RuntimeException e) {
            node.close();
            throw e;
        }
        return node;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + config.httpPort());
    }

    public int httpPort() {
        return config.httpPort();
    }

    public int transportPort() {
        return config.transportPort();
    }

    public String name() {
        return config.nodeName();
    }

    /** The OpenSearch JVM's process id (not the launcher's), of the latest start. */
    public long pid() {
        return pid;
    }

    public Path dataDir() {
        return config.dataDir();
    }

    /** What the node printed, every start of it appended. */
    public Path log() {
        return config.logsDir().resolve("console.log");
    }

    /** The configuration it runs with, ports included. */
    public Config config() {
        return config;
    }

    public boolean isRunning() {
        Process p = launcher;
        return p != null && p.isAlive();
    }

    /** Stops the node with SIGTERM (waiting up to a minute, then SIGKILL); {@link #restart()} starts it again. */
    public synchronized void stop() {
        if (launcher == null) {
            return;
        }
        if (launcher.isAlive()) { // else the JVM is gone too, and its pid may be another process's by now
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        }
        if (!awaitExit(launcher, 60)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
            awaitExit(launcher, 10);
        }
        launcher = null;
    }

    /** Kills the OpenSearch JVM with SIGKILL, as when it crashes; {@link #restart()} starts it again. */
    public synchronized void kill() {
        if (launcher == null) {
            return;
        }
        if (launcher.isAlive()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        launcher.descendants().forEach(ProcessHandle::destroyForcibly);
        awaitExit(launcher, 30);
        launcher = null;
    }

    /** Starts the node again (stopping it first if it runs) on the same ports, with the same data. */
    public synchronized void restart() throws IOException {
        if (closed) {
            throw new IllegalStateException(name() + " is closed");
        }
        stop();
        launch();
    }

    /** Stops the node for good (a start under way gives up). Idempotent. */
    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            stop();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: this is the hook running
        }
    }

    private synchronized void launch() throws IOException {
        Path home = config.installDir();
        boolean root = SystemUser.isRoot();
        if (root) {
            SystemUser.ensure(config.user());
            for (Path dir : List.of(home, config.dataDir(), config.logsDir())) {
                SystemUser.checkReachable(dir, config.user());
            }
            SystemUser.chown(config.user(), home, config.dataDir(), config.logsDir());
        }
        Path pidFile = home.resolve("opensearch.pid");
        Files.deleteIfExists(pidFile);
        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(List.of("runuser", "-u", config.user(), "--"));
        }
        command.addAll(List.of("env", "JAVA_HOME=" + System.getProperty("java.home"),
                "OPENSEARCH_JAVA_OPTS=-Xms" + config.heap() + " -Xmx" + config.heap(),
                home.resolve("bin/opensearch").toString(), "-p", pidFile.toString()));
        config.settings().forEach((key, value) -> command.add("-E" + key + "=" + value));
        command.addAll(List.of("-Enetwork.host=127.0.0.1",
                "-Ehttp.port=" + config.httpPort(), "-Etransport.port=" + config.transportPort(),
                "-Epath.data=" + config.dataDir(), "-Epath.logs=" + config.logsDir(),
                // a nearly full disk must not turn indices read-only in the middle of a run
                "-Ecluster.routing.allocation.disk.threshold_enabled=false"));
        if (Files.isDirectory(home.resolve("plugins/opensearch-security"))) {
            command.add("-Eplugins.security.disabled=true");
        }
        launcher = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
        try {
            pid = awaitReady(pidFile);
        } catch (IOException | RuntimeException e) {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
            awaitExit(launcher, 10);
            launcher = null;
            throw e;
        }
    }

    /** Until the node answers and knows a cluster manager (it has joined its cluster). */
    private long awaitReady(Path pidFile) throws IOException {
        URI health = uri().resolve("/_cluster/health?wait_for_status=yellow&timeout=1s");
        long deadline = System.nanoTime() + config.startTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            if (closed) {
                throw new IOException("OpenSearch " + name() + " was closed while starting");
            }
            if (!launcher.isAlive()) {
                throw new IOException("OpenSearch " + name() + " exited with code " + launcher.exitValue()
                        + " before answering on " + uri() + "; the end of " + log() + ":\n" + tail(log()));
            }
            try {
                if (Http.get(health).ok() && Files.exists(pidFile)) {
                    return Long.parseLong(Files.readString(pidFile).strip());
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            sleep(500);
        }
        throw new IOException("OpenSearch " + name() + " did not answer on " + uri() + " within "
                + config.startTimeout().toSeconds() + " s; the end of " + log() + ":\n" + tail(log()));
    }

    /** The last 20 lines of a log without stack frames, each cut at 300 characters. */
    static String tail(Path log) {
        try {
            List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("\tat ") && !line.matches("\\s+\\.\\.\\. \\d+ more"))
                    .map(line -> line.length() <= 300 ? line : line.substring(0, 300) + "…")
                    .toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static boolean awaitExit(Process process, int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code n} distinct ports free on loopback now (all held open until each is chosen). */
    static int[] freePorts(int n) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // it was only held to reserve the number
                }
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for OpenSearch", e);
        }
    }
}
