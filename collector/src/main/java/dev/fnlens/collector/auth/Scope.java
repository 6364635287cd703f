package dev.fnlens.collector.auth;

import java.util.Locale;

/**
 * What a token may do, as IAM would split it: agents and Firehose only send data, the UI and queries only
 * read, alert rules and settings need admin (which may also read).
 */
public enum Scope {
    INGEST, READ, ADMIN;

    /** Whether a caller holding this scope may use a route that requires {@code required}. */
    public boolean grants(Scope required) {
        return this == required || this == ADMIN && required == READ;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Scope parse(String text) {
        for (Scope scope : values()) {
            if (scope.wireName().equals(text)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("scope must be ingest, read or admin, was '" + text + "'");
    }
}
