package dev.fnlens.collector.testdata;

import dev.fnlens.collector.event.IsoTime;
import dev.fnlens.collector.event.LogEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * A deterministic, realistic stream of Lambda log events for tests and benchmarks: several
 * functions with several instances each; per invocation START, application lines (text and
 * JSON), an ERROR line for failures, END, REPORT (Init Duration on cold starts), the timeout
 * line for timeouts. Events come out in time order.
 */
public final class LambdaEvents {
    private static final String[] FUNCTIONS = {"orders", "billing", "images", "users"};
    private static final int[] MEMORY_MB = {512, 1024, 2048, 128};
    private static final String[] LEVELS = {"INFO", "INFO", "INFO", "DEBUG", "WARN"};

    private final Random random;
    private final long start;
    private final boolean reportsOnly;
    private final List<List<String>> streams = new ArrayList<>();
    private long clock;

    /**
     * @param reportsOnly only REPORT events (the disk-per-REPORT-event measure)
     */
    public LambdaEvents(long seed, long startMillis, boolean reportsOnly) {
        this.random = new Random(seed);
        this.start = startMillis;
        this.clock = startMillis;
        this.reportsOnly = reportsOnly;
        for (int f = 0; f < FUNCTIONS.length; f++) {
            List<String> s = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                s.add(String.format(Locale.ROOT, "2026/01/02/[$LATEST]%032x", random.nextLong() & Long.MAX_VALUE));
            }
            streams.add(s);
        }
    }

    public LambdaEvents(long seed, long startMillis) {
        this(seed, startMillis, false);
    }

    public long startMillis() {
        return start;
    }

    /** The next invocation's events, times within it ascending. */
    public List<LogEvent> nextInvocation() {
        clock += random.nextInt(3);
        int f = random.nextInt(FUNCTIONS.length);
        String group = "/aws/lambda/" + FUNCTIONS[f];
        String stream = streams.get(f).get(random.nextInt(8));
        String id = new UUID(random.nextLong(), random.nextLong()).toString();
        double duration = Math.round(Math.exp(random.nextGaussian() * 1.1 + 4) * 100) / 100.0;
        boolean cold = random.nextInt(20) == 0;
        int outcome = random.nextInt(100); // < 3 error, 3 timeout
        long t = clock;
        long end = t + (long) duration;
        List<LogEvent> events = new ArrayList<>(8);
        Line line = (ts, text) -> events.add(LogEvent.of(ts, ts + 20 + random.nextInt(200), group, stream, text));
        if (!reportsOnly) {
            line.add(t, "START RequestId: " + id + " Version: $LATEST");
            int appLines = random.nextInt(4);
            for (int i = 0; i < appLines; i++) {
                long ts = t + (long) (duration * (i + 1) / (appLines + 1));
                String level = LEVELS[random.nextInt(LEVELS.length)];
                String body = random.nextBoolean()
                        ? "processed order " + random.nextInt(100_000) + " for customer c-" + random.nextInt(5000)
                        : String.format(Locale.ROOT, "{\"level\":\"%s\",\"message\":\"cart updated\",\"orderId\":%d,"
                                + "\"latencyMs\":%.1f,\"cart\":{\"items\":%d,\"currency\":\"%s\"},\"ok\":%b}",
                                level, random.nextInt(100_000), random.nextDouble() * 200, random.nextInt(9),
                                random.nextBoolean() ? "EUR" : "USD", random.nextInt(10) > 0);
                line.add(ts, IsoTime.format(ts) + "\t" + id + "\t" + level + "\t" + body);
            }
            if (outcome < 3) {
                line.add(end, IsoTime.format(end) + "\t" + id + "\tERROR\t{\"errorType\":\"java.lang.IllegalStateException\","
                        + "\"errorMessage\":\"no stock for item " + random.nextInt(1000) + "\",\"stackTrace\":"
                        + "[\"dev.example.Orders.handleRequest(Orders.java:42)\"]}");
            }
            line.add(end, "END RequestId: " + id);
        }
        StringBuilder report = new StringBuilder("REPORT RequestId: ").append(id)
                .append(String.format(Locale.ROOT, "\tDuration: %.2f ms\tBilled Duration: %d ms\tMemory Size: %d MB"
                                + "\tMax Memory Used: %d MB", duration, (long) Math.ceil(duration) + 0,
                        MEMORY_MB[f], 60 + random.nextInt(MEMORY_MB[f] / 4)));
        if (cold) {
            report.append(String.format(Locale.ROOT, "\tInit Duration: %.2f ms", 300 + random.nextDouble() * 500));
        }
        line.add(end, report.toString());
        if (outcome == 3 && !reportsOnly) {
            line.add(end, IsoTime.format(end) + " " + id + " Task timed out after 3.00 seconds");
        }
        return events;
    }

    /** At least {@code n} events (whole invocations), in time order. */
    public List<LogEvent> take(int n) {
        List<LogEvent> all = new ArrayList<>(n + 8);
        while (all.size() < n) {
            all.addAll(nextInvocation());
        }
        all.sort(java.util.Comparator.comparingLong(LogEvent::timestamp));
        return all;
    }

    @FunctionalInterface
    private interface Line {
        void add(long ts, String text);
    }
}
