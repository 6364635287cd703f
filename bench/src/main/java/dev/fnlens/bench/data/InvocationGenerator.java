package dev.fnlens.bench.data;

import dev.fnlens.bench.data.FunctionProfile.ErrorKind;
import dev.fnlens.bench.data.Invocation.AppLine;
import dev.fnlens.bench.data.Invocation.Failure;
import dev.fnlens.bench.data.Invocation.Status;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Seeded stream of invocations spread evenly over the spec's time range, in time order
 * (give or take a second), as a fleet of functions would produce them. Deterministic: one
 * random source, consumed in one order.
 */
public final class InvocationGenerator implements Iterator<Invocation> {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private final DataSetSpec spec;
    private final SplittableRandom rng;
    private final List<FunctionProfile> functions;
    private final double[] cumulativeWeight;
    private final String[][] streams;
    private final AppLines appLines;
    private long events;

    public InvocationGenerator(DataSetSpec spec) {
        this(spec, Profiles.standard());
    }

    public InvocationGenerator(DataSetSpec spec, List<FunctionProfile> functions) {
        this.spec = spec;
        this.rng = new SplittableRandom(spec.seed());
        this.functions = functions;
        this.cumulativeWeight = new double[functions.size()];
        double sum = 0;
        for (int i = 0; i < functions.size(); i++) {
            sum += functions.get(i).weight();
            cumulativeWeight[i] = sum;
        }
        this.streams = new String[functions.size()][];
        for (int i = 0; i < functions.size(); i++) {
            streams[i] = new String[functions.get(i).instances()];
            for (int j = 0; j < streams[i].length; j++) {
                streams[i][j] = newStream(spec.startMillis());
            }
        }
        this.appLines = new AppLines(rng);
    }

    @Override
    public boolean hasNext() {
        return events < spec.events();
    }

    @Override
    public Invocation next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int f = pickFunction();
        FunctionProfile fn = functions.get(f);
        long span = spec.endMillis() - spec.startMillis();
        long startMs = spec.startMillis() + (long) (span * (double) events / spec.events()) + rng.nextInt(1000);
        startMs = Math.min(startMs, spec.endMillis() - 1);

        boolean cold = rng.nextDouble() < fn.coldStartRate();
        int instance = rng.nextInt(streams[f].length);
        if (cold) {
            streams[f][instance] = newStream(startMs); // a cold start is a new execution environment
        }
        String stream = streams[f][instance];
        String requestId = uuid();
        // as Lambda hands every invocation its X-Ray trace id, which the agent continues: the time in its first 4 bytes
        long traceHigh = (startMs / 1000) << 32 | (rng.nextInt() & 0xFFFF_FFFFL);
        long traceLow = rng.nextLong();
        long spanId = rng.nextLong();

        double roll = rng.nextDouble();
        Status status = roll < fn.timeoutRate() ? Status.TIMEOUT
                : roll < fn.timeoutRate() + fn.errorRate() ? Status.ERROR : Status.SUCCESS;
        double duration = status == Status.TIMEOUT
                ? fn.timeoutSeconds() * 1000.0 + rng.nextInt(300) / 100.0
                : Math.min(fn.medianMs() * Math.exp(fn.sigma() * rng.nextGaussian()), fn.timeoutSeconds() * 950.0);
        duration = Math.max(0.5, Math.round(duration * 100) / 100.0);
        long billed = Math.max(1, (long) Math.ceil(duration));
        double init = cold ? Math.round(900 * Math.exp(0.35 * rng.nextGaussian()) * 100) / 100.0 : 0;
        long maxUsed = Math.min(fn.memoryMb(), Math.round(60 + fn.memoryMb() * (0.15 + 0.4 * rng.nextDouble())));
        long startNanos = startMs * 1_000_000;
        long endNanos = startNanos + Math.round(duration * 1_000_000);
        Failure failure = status == Status.ERROR ? failure(fn) : null;

        List<AppLine> lines = spec.appLines()
                ? appLines.of(fn, requestId, xrayTraceId(traceHigh, traceLow), cold, startMs, duration, failure) : List.of();
        Invocation inv = new Invocation(fn, stream, requestId, traceHigh, traceLow, spanId, startNanos, endNanos,
                duration, billed, maxUsed, cold, init, status, failure, lines);
        events += inv.eventCount();
        return inv;
    }

    private int pickFunction() {
        double r = rng.nextDouble() * cumulativeWeight[cumulativeWeight.length - 1];
        for (int i = 0; i < cumulativeWeight.length; i++) {
            if (r < cumulativeWeight[i]) {
                return i;
            }
        }
        return cumulativeWeight.length - 1;
    }

    private Failure failure(FunctionProfile fn) {
        ErrorKind kind = fn.errors().get(rng.nextInt(fn.errors().size()));
        String pkg = fn.codePackage();
        List<String> frames = new ArrayList<>();
        int depth = 2 + rng.nextInt(3);
        for (int i = 0; i < depth; i++) {
            String cls = i == depth - 1 ? "Handler" : "Service" + i;
            String method = i == depth - 1 ? "handleRequest" : "step" + i;
            frames.add(pkg + "." + cls + "." + method + "(" + cls + ".java:" + (20 + rng.nextInt(180)) + ")");
        }
        return new Failure(kind.type(), kind.message(), frames);
    }

    private String newStream(long atMillis) {
        return DAY.format(Instant.ofEpochMilli(atMillis)) + "/[$LATEST]" + hex(rng.nextLong()) + hex(rng.nextLong());
    }

    /** A random (version 4) UUID from the seeded source, as Lambda request ids look. */
    private String uuid() {
        long hi = (rng.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (rng.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        String h = hex(hi);
        String l = hex(lo);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12) + "-"
                + l.substring(0, 4) + "-" + l.substring(4);
    }

    /** {@code 1-<8 hex digits>-<24 hex digits>}: an X-Ray trace id, the W3C trace id {@code high, low} as X-Ray writes it. */
    static String xrayTraceId(long high, long low) {
        String id = hex(high) + hex(low);
        return "1-" + id.substring(0, 8) + "-" + id.substring(8);
    }

    static String hex(long v) {
        String s = Long.toHexString(v);
        return "0".repeat(16 - s.length()) + s;
    }
}
