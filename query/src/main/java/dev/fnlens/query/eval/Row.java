package dev.fnlens.query.eval;

/**
 * The values a compiled expression reads, by slot: the planner gives every field name a slot once, so evaluation never
 * looks names up in a map. Implementations: the live event (reads through to the store) and a materialised array.
 */
public abstract class Row {

    public abstract Object get(int slot);

    public abstract void set(int slot, Object value);
}
