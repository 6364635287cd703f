package dev.fnlens.collector.http;

import io.javalin.http.Context;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * What the ingest APIs ({@link IngestApi}, {@link FirehoseApi}) share so that together they
 * hold bounded memory: the body limit, at most {@value #MAX_IN_FLIGHT} requests decoded at
 * once, and the draining of a refused body so the client sees the answer.
 */
public final class IngestGate {
    /** Requests decoded at once; bounds memory at about this many times the body limit. */
    static final int MAX_IN_FLIGHT = 8;
    /** How much of a refused body is read and thrown away so the client sees the answer. */
    static final long MAX_DISCARD_BYTES = 64L * 1024 * 1024;
    private static final long WAIT_SECONDS = 10;
    /** Seconds a client is asked to wait before retrying a 503 (busy, disk full, storage failed). */
    static final String RETRY_AFTER_SECONDS = "5";

    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final long maxBodyBytes;

    public IngestGate(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    long maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Takes a decoding slot, waiting up to 10 s, else 503; {@link #leave()} gives it back. */
    void enter() throws InterruptedException {
        if (!inFlight.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new ApiException(503, "busy", "collector busy, retry later");
        }
    }

    void leave() {
        inFlight.release();
    }

    /**
     * A request refused before its body was read (401, 413, 415, 503 busy) would reset the
     * connection on close before the client sees the answer: read the rest (never into
     * memory), up to a bound, else ask for the connection to be closed. A body already read
     * costs nothing here. A 503 tells the client when to retry.
     */
    static void drainRefused(ApiException e, Context ctx) {
        if (e.status() == 503) {
            ctx.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        if (e.status() != 400 && e.status() != 500 && !discardRest(ctx)) {
            ctx.header("Connection", "close");
        }
    }

    private static boolean discardRest(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > MAX_DISCARD_BYTES) {
            return false;
        }
        try {
            return BodyReader.discard(ctx.bodyInputStream(), MAX_DISCARD_BYTES);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
