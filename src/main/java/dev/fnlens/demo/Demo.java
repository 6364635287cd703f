package dev.fnlens.demo;

import dev.fnlens.collector.Collector;
import dev.fnlens.collector.CollectorConfig;
import dev.fnlens.local.FunctionPool;
import dev.fnlens.local.FunctionSpec;
import dev.fnlens.local.RuntimeFiles;
import dev.fnlens.local.RuntimeSettings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code fnlens demo}: the collector and UI, the example functions in their own JVMs with the agent
 * attached, and traffic to them, until stopped.
 */
public final class Demo implements AutoCloseable {
    private static final long IDLE_TIMEOUT_MS = 45_000;

    private final Collector collector;
    private final Map<String, FunctionPool> pools = new LinkedHashMap<>();
    private final ExecutorService callers = Executors.newFixedThreadPool(8, daemon("fnlens-demo-caller"));
    private final Thread traffic;

    private Demo(CollectorConfig config) throws IOException {
        collector = Collector.start(config);
        Path dataDir = config.dataDir();
        RuntimeFiles files = RuntimeFiles.locate(dataDir);
        RuntimeSettings settings = new RuntimeSettings(files, "http://127.0.0.1:" + collector.otlpPort(),
                "us-east-1", dataDir.resolve("function-logs"));
        for (FunctionSpec function : DemoFunctions.all(files.examplesJar())) {
            pools.put(function.name(), new FunctionPool(function, settings, 10, IDLE_TIMEOUT_MS));
        }
        traffic = daemon("fnlens-demo-traffic").newThread(new DemoTraffic(pools, callers, System.err::println));
    }

    public static Demo start(CollectorConfig config) throws IOException {
        Demo demo = new Demo(config);
        demo.traffic.start();
        return demo;
    }

    public String uiUrl() {
        return collector.uiUrl();
    }

    public Map<String, FunctionPool> pools() {
        return pools;
    }

    @Override
    public void close() {
        traffic.interrupt();
        callers.shutdownNow();
        pools.values().parallelStream().forEach(FunctionPool::close);
        try {
            callers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        collector.close();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
