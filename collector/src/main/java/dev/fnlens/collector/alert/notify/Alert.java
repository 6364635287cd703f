package dev.fnlens.collector.alert.notify;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One alert as notified: what Alertmanager calls an alert in its webhook body.
 *
 * @param fingerprint  stable id of the label set ({@link #fingerprint(Map)})
 * @param labels       {@code alertname}, {@code severity}, the rule's labels and the group's values
 * @param annotations  the rule's annotations rendered with the latest result
 * @param startsAt     when it started firing, epoch ms
 * @param endsAt       when it resolved, epoch ms; 0 while firing
 * @param generatorUrl the UI's Logs Insights view of the rule's query
 */
public record Alert(String fingerprint, Map<String, String> labels, Map<String, String> annotations, long startsAt,
                    long endsAt, String generatorUrl) {
    public Alert {
        Objects.requireNonNull(fingerprint, "fingerprint");
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    }

    public boolean resolved() {
        return endsAt > 0;
    }

    public String status() {
        return resolved() ? "resolved" : "firing";
    }

    /** 16 hex digits of the FNV-1a 64-bit hash of the labels sorted by name, as Alertmanager does. */
    public static String fingerprint(Map<String, String> labels) {
        long hash = 0xcbf29ce484222325L;
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            hash = fnv(hash, e.getKey().getBytes(StandardCharsets.UTF_8));
            hash = fnv(hash, new byte[] {(byte) 0xff});
            hash = fnv(hash, e.getValue().getBytes(StandardCharsets.UTF_8));
            hash = fnv(hash, new byte[] {(byte) 0xff});
        }
        return String.format("%016x", hash);
    }

    private static long fnv(long hash, byte[] bytes) {
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
