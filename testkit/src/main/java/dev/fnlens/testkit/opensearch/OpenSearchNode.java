package dev.fnlens.testkit.opensearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A single-node OpenSearch from the Maven Central distribution zip, for benchmarks and
 * integration tests:
 *
 * <pre>{@code
 * try (OpenSearchNode node = OpenSearchNode.start(OpenSearchNode.Config.of(zip, workDir))) {
 *     Http.get(node.uri().resolve("/_cluster/health"));
 * }
 * }</pre>
 *
 * OpenSearch refuses to run as root, so the node runs as an unprivileged user (created when
 * missing), bound to 127.0.0.1 on free ports, with an explicit heap. {@link #close()} (also
 * run on JVM shutdown, e.g. Ctrl-C) stops it with SIGTERM and waits.
 */
public final class OpenSearchNode implements AutoCloseable {
    private final Process launcher;
    private final long pid;
    private final int httpPort;
    private final Config config;
    private final Thread shutdownHook;
    private boolean closed;

    /**
     * @param distribution the {@code integ-test-zip} zip
     * @param installDir   where it is unpacked (reused when already there)
     * @param dataDir      {@code path.data}; kept across starts
     * @param heap         {@code -Xms} and {@code -Xmx}, e.g. {@code 1g}
     * @param user         the unprivileged user it runs as
     */
    public record Config(Path distribution, Path installDir, Path dataDir, String heap, String user,
                         Duration startTimeout) {
        public static Config of(Path distribution, Path workDir) {
            return new Config(distribution, workDir.resolve("opensearch-home"), workDir.resolve("opensearch-data"),
                    "1g", "fnlens-opensearch", Duration.ofMinutes(4));
        }

        public Config withHeap(String heap) {
            return new Config(distribution, installDir, dataDir, heap, user, startTimeout);
        }

        public Config withDataDir(Path dir) {
            return new Config(distribution, installDir, dir, heap, user, startTimeout);
        }
    }

    private OpenSearchNode(Process launcher, long pid, int httpPort, Config config) {
        this.launcher = launcher;
        this.pid = pid;
        this.httpPort = httpPort;
        this.config = config;
        this.shutdownHook = new Thread(this::close, "opensearch-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static OpenSearchNode start(Config config) throws IOException {
        if (!Files.isRegularFile(config.distribution())) {
            throw new IOException("no OpenSearch distribution at " + config.distribution()
                    + " (the build copies it into target/opensearch/)");
        }
        Path home = config.installDir().toAbsolutePath();
        Path data = config.dataDir().toAbsolutePath();
        Distribution.unpack(config.distribution(), home);
        Path logs = home.resolve("logs");
        Files.createDirectories(data);
        Files.createDirectories(logs);
        SystemUser.ensure(config.user());
        SystemUser.chown(config.user(), home, data);

        int httpPort = freePort();
        int transportPort = freePort();
        Path pidFile = home.resolve("opensearch.pid");
        Files.deleteIfExists(pidFile);
        List<String> command = new ArrayList<>(List.of("runuser", "-u", config.user(), "--", "env",
                "JAVA_HOME=" + System.getProperty("java.home"),
                "OPENSEARCH_JAVA_OPTS=-Xms" + config.heap() + " -Xmx" + config.heap(),
                home.resolve("bin/opensearch").toString(), "-p", pidFile.toString(),
                "-Ecluster.name=fnlens-bench", "-Enode.name=node-1",
                "-Ediscovery.type=single-node", "-Enetwork.host=127.0.0.1",
                "-Ehttp.port=" + httpPort, "-Etransport.port=" + transportPort,
                "-Epath.data=" + data, "-Epath.logs=" + logs,
                // a nearly full disk must not turn the index read-only in the middle of a run
                "-Ecluster.routing.allocation.disk.threshold_enabled=false"));
        if (Files.isDirectory(home.resolve("plugins/opensearch-security"))) {
            command.add("-Eplugins.security.disabled=true");
        }
        Path console = home.resolve("console.log");
        Process launcher = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(console.toFile()).start();
        long pid = awaitHealthy(launcher, httpPort, pidFile, console, config.startTimeout());
        return new OpenSearchNode(launcher, pid, httpPort, config);
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    public int httpPort() {
        return httpPort;
    }

    /** The OpenSearch JVM's process id (not the launcher's). */
    public long pid() {
        return pid;
    }

    public Path dataDir() {
        return config.dataDir();
    }

    /** Stops the node with SIGTERM, waiting up to a minute before killing it. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ProcessHandle.of(pid).ifPresent(p -> {
            p.destroy();
            try {
                p.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        });
        try {
            if (!launcher.waitFor(10, TimeUnit.SECONDS)) {
                launcher.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: this is the hook running
        }
    }

    private static long awaitHealthy(Process launcher, int port, Path pidFile, Path console, Duration timeout)
            throws IOException {
        URI health = URI.create("http://127.0.0.1:" + port + "/_cluster/health?wait_for_status=yellow&timeout=1s");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!launcher.isAlive()) {
                throw new IOException("OpenSearch exited with " + launcher.exitValue() + ":\n" + tail(console));
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
        launcher.destroy();
        throw new IOException("OpenSearch not healthy after " + timeout + ":\n" + tail(console));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
