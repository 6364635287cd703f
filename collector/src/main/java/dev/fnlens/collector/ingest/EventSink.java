package dev.fnlens.collector.ingest;

import dev.fnlens.collector.event.LogEvent;
import java.io.IOException;
import java.util.List;

/** Where decoded events go; returns only once they are durable. */
@FunctionalInterface
public interface EventSink {
    void append(List<LogEvent> events) throws IOException;
}
