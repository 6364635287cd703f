package dev.fnlens.demo;

import dev.fnlens.collector.Collector;
import dev.fnlens.collector.CollectorConfig;
import dev.fnlens.local.LocalOptions;
import dev.fnlens.local.LocalRuntime;
import dev.fnlens.local.RuntimeFiles;
import dev.fnlens.local.RuntimeSettings;
import dev.fnlens.local.template.SamTemplate;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * {@code fnlens demo}: the collector and UI, the example functions of {@code src/template.yaml} in the local
 * runtime with the agent attached, and traffic to them, until stopped.
 */
public final class Demo implements AutoCloseable {
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    private final Collector collector;
    private final LocalRuntime local;
    private final ExecutorService callers = Executors.newFixedThreadPool(8, daemon("fnlens-demo-caller"));
    private final Thread traffic;

    private Demo(CollectorConfig config, int localPort) throws IOException {
        collector = Collector.start(config);
        try {
            RuntimeFiles files = RuntimeFiles.locate(config.dataDir());
            RuntimeSettings settings = new RuntimeSettings(files, "http://127.0.0.1:" + collector.otlpPort(),
                    "us-east-1", config.dataDir().resolve("function-logs"));
            local = LocalRuntime.start(SamTemplate.parse(files.examplesTemplate()), settings,
                    LocalOptions.defaults().withPort(localPort).withIdleTimeout(IDLE_TIMEOUT), System.err::println);
        } catch (IOException | RuntimeException e) {
            collector.close();
            throw e;
        }
        traffic = daemon("fnlens-demo-traffic").newThread(
                new DemoTraffic("http://127.0.0.1:" + local.port(), callers, System.err::println));
    }

    /** @param localPort the local runtime's port (its Invoke API and HTTP routes); 0 for any free port */
    public static Demo start(CollectorConfig config, int localPort) throws IOException {
        Demo demo = new Demo(config, localPort);
        demo.traffic.start();
        return demo;
    }

    public String uiUrl() {
        return collector.uiUrl();
    }

    public int httpPort() {
        return collector.httpPort();
    }

    @Override
    public void close() {
        traffic.interrupt();
        callers.shutdownNow();
        try {
            callers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        local.close();
        collector.close();
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
