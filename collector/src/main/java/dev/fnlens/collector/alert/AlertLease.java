package dev.fnlens.collector.alert;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * Whether this collector evaluates alert rules now, and the alert state it hands over. With the
 * embedded store it always evaluates and keeps its state to itself; collectors sharing an
 * OpenSearch cluster hold a lease there so that exactly one of them evaluates, and the holder
 * saves its state beside the lease, so that whoever takes the lease over goes on from it —
 * alerts that already fire are not notified again.
 */
public interface AlertLease {
    AlertLease ALWAYS = () -> true;

    boolean held();

    /** The state the last holder handed over, or null (none yet, or nothing is shared). */
    default JsonNode handedOver() throws IOException {
        return null;
    }

    /** Saves the holder's state for the next holder; called only while {@link #held}. */
    default void handOver(JsonNode state) throws IOException {
    }
}
