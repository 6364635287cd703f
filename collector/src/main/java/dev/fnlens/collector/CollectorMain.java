package dev.fnlens.collector;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * {@code collector [--data DIR] [--bind ADDR] [--otlp-port N] [--http-port N] [--config FILE]}:
 * starts a collector, prints one line with both URLs once both ports listen, and runs
 * until the process is stopped; a shutdown hook closes it cleanly.
 */
public final class CollectorMain {
    private CollectorMain() {
    }

    public static void main(String[] args) throws Exception {
        CollectorConfig config;
        try {
            config = CollectorConfig.fromArgs(args);
        } catch (IllegalArgumentException e) {
            System.err.println("fnlens collector: " + e.getMessage());
            System.exit(2);
            return;
        }
        Collector collector;
        try {
            collector = Collector.start(config);
        } catch (IOException | RuntimeException e) {
            System.err.println("fnlens collector: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            collector.close();
            stopped.countDown();
        }, "fnlens-shutdown"));
        System.out.println("fnlens collector: otlp " + collector.otlpUrl() + " ui " + collector.uiUrl());
        System.out.flush();
        stopped.await();
    }
}
