package dev.fnlens.bench.ingest;

import java.util.List;

/** One prepared request group: the bodies one sender posts for {@code events} log events. */
public record Batch(int events, List<Body> bodies) {

    /** A request body and where it goes. */
    public record Body(Kind kind, byte[] bytes) {
    }

    /** Stored by ordinal in prepared files: add new kinds at the end only. */
    public enum Kind {
        OTLP_TRACES, OTLP_LOGS, OPENSEARCH_BULK, FIREHOSE
    }
}
