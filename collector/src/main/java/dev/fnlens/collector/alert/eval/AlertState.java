package dev.fnlens.collector.alert.eval;

/**
 * States of an alert (one group of a rule), and of a rule as a whole (its worst alert, or {@code NO_DATA}
 * and {@code ERROR} when the last evaluation found nothing or could not run).
 */
public enum AlertState {
    OK, NO_DATA, ERROR, PENDING, FIRING;

    /** The more severe of two rule states. */
    AlertState worst(AlertState other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
