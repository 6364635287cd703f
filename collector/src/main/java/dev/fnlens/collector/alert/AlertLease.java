package dev.fnlens.collector.alert;

/**
 * Whether this collector evaluates alert rules now. With the embedded store it always does;
 * collectors sharing an OpenSearch cluster hold a lease there so that exactly one of them does,
 * and another takes over when the holder dies.
 */
@FunctionalInterface
public interface AlertLease {
    AlertLease ALWAYS = () -> true;

    boolean held();
}
