package dev.fnlens.query.eval;

/** How the compiler resolves field names to slots, and which fields hold timestamps. */
public interface Scope {

    /** The slot that holds the field's current value (a new slot if the name is new). */
    int read(String field);

    boolean isTime(String field);
}
