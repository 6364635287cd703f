package dev.fnlens.collector.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.Closeable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The collector's meters, in one place so their names are easy to find (docs/operations.md
 * lists them as Prometheus names: dots become underscores, counters end in {@code _total}).
 */
public final class CollectorMetrics implements Closeable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final List<Supplier<Number>> totals = new CopyOnWriteArrayList<>();
    private final Timer walFsync;
    private final DistributionSummary walGroupCommit;
    private final Timer search;

    public CollectorMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        walFsync = Timer.builder("fnlens.wal.fsync").description("Time to fsync one write-ahead log group commit")
                .register(registry);
        walGroupCommit = DistributionSummary.builder("fnlens.wal.group.commit.records")
                .description("Records made durable by one fsync").register(registry);
        search = percentiles("fnlens.search", "Time to answer /api/search");
    }

    /** Events made durable, by signal ({@code traces}, {@code logs} or {@code cloudwatch}). */
    public void eventsIngested(String signal, int events) {
        Counter.builder("fnlens.ingest.events").description("Log events accepted and made durable")
                .tag("signal", signal).register(registry).increment(events);
    }

    /** Request body bytes read from the network, before decompression. */
    public void bytesIngested(String signal, long bytes) {
        Counter.builder("fnlens.ingest.bytes").baseUnit("bytes").description("Ingest request bytes received")
                .tag("signal", signal).register(registry).increment(bytes);
    }

    /** An ingest request answered with an error; {@code reason} is a short stable word. */
    public void rejected(String reason) {
        Counter.builder("fnlens.ingest.rejected").description("Ingest requests rejected")
                .tag("reason", reason).register(registry).increment();
    }

    /** Firehose records received, by the subscription message they carry ({@code data} or {@code control}). */
    public void firehoseRecords(String messageType, long records) {
        Counter.builder("fnlens.firehose.records").description("CloudWatch Logs subscription messages received through Firehose")
                .tag("type", messageType).register(registry).increment(records);
    }

    /** Log events received in Firehose data messages, kept or not. */
    public void firehoseEvents(long events) {
        Counter.builder("fnlens.firehose.events").description("CloudWatch log events received through Firehose")
                .register(registry).increment(events);
    }

    /** Log events refused one by one as PutLogEvents would ({@code too_old}, {@code too_new}, {@code too_large}). */
    public void firehoseEventsRejected(String reason, long events) {
        Counter.builder("fnlens.firehose.events.rejected").description("CloudWatch log events rejected one by one")
                .tag("reason", reason).register(registry).increment(events);
    }

    public void walSynced(long fsyncNanos, int records) {
        walFsync.record(fsyncNanos, TimeUnit.NANOSECONDS);
        walGroupCommit.record(records);
    }

    public void searched(Duration took) {
        search.record(took);
    }

    /** An Insights query answered; {@code status} is Complete, Timeout, Cancelled or Failed. */
    public void queried(Duration took, String status) {
        Timer.builder("fnlens.query").description("Time to answer /api/query").tag("status", status)
                .publishPercentiles(0.5, 0.95, 0.99).register(registry).record(took);
    }

    /** Adds one to a counter with the given tags ({@code key, value, ...}), registering it on first use. */
    public void increment(String name, String description, String... tags) {
        Counter.builder(name).description(description).tags(tags).register(registry).increment();
    }

    /** Records a duration in a timer with p50/p95/p99, registering it on first use. */
    public void time(String name, String description, Duration took) {
        percentiles(name, description).record(took);
    }

    /**
     * Registers a timer with p50/p95/p99 now (a scrape shows it before anything happened) and returns what records a
     * duration in it, in nanoseconds.
     */
    public LongConsumer timer(String name, String description) {
        Timer timer = percentiles(name, description);
        return nanos -> timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The timer {@code name} with p50/p95/p99, registered on first use. */
    private Timer percentiles(String name, String description) {
        return Timer.builder(name).description(description).publishPercentiles(0.5, 0.95, 0.99).register(registry);
    }

    /** Registers a gauge read at scrape time, e.g. index size. */
    public <T> void gauge(String name, String description, String baseUnit, T source, ToDoubleFunction<T> value) {
        Gauge.builder(name, source, value).description(description).baseUnit(baseUnit).register(registry);
    }

    /** Registers a counter read at scrape time from a running total kept elsewhere. */
    public void functionCounter(String name, String description, Supplier<Number> total, String... tags) {
        totals.add(total); // Micrometer holds the counter's object weakly: a lambda alone would be collected
        io.micrometer.core.instrument.FunctionCounter.builder(name, total, s -> s.get().doubleValue())
                .description(description).tags(tags).register(registry);
    }

    /** Prometheus text exposition format. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
