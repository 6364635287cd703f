package dev.fnlens.agent.otlp;

/**
 * One export request being written: {@code Export{Trace,Logs}ServiceRequest} holding one resource, one
 * scope and the items (spans or log records) appended so far. Both requests number their fields the same
 * way ({@code resource_*} 1; {@code resource} 1, {@code scope_*} 2; {@code scope} 1, items 2), so this
 * class writes the envelope for both, and the subclasses write the items.
 */
public abstract class OtlpBatch {
    private static final int REQUEST_RESOURCES = 1;
    private static final int RESOURCE = 1;
    private static final int RESOURCE_SCOPES = 2;
    private static final int SCOPE = 1;
    private static final int SCOPE_ITEMS = 2;

    final ProtoWriter out = new ProtoWriter(4096);
    private final OtlpResource resource;
    private int resourceMark;
    private int scopeMark;
    private int itemMark = -1;
    private int count;

    OtlpBatch(OtlpResource resource) {
        this.resource = resource;
    }

    /** Items appended since the last {@link #reset()}. */
    public int count() {
        return count;
    }

    final void beginItem() {
        if (itemMark >= 0) {
            throw new IllegalStateException("item not ended");
        }
        if (count == 0) {
            resourceMark = out.begin(REQUEST_RESOURCES);
            resource.writeResource(out, RESOURCE);
            scopeMark = out.begin(RESOURCE_SCOPES);
            resource.writeScope(out, SCOPE);
        }
        itemMark = out.begin(SCOPE_ITEMS);
    }

    final void endItem() {
        out.end(itemMark);
        itemMark = -1;
        count++;
    }

    /**
     * Drops a half-written item (its encoding failed): the request stays valid.
     * Safe to call when no item is open.
     */
    public final void abandonItem(int sizeBefore) {
        if (itemMark >= 0) {
            itemMark = -1;
            out.truncate(count == 0 ? 0 : sizeBefore);
            abandoned();
        }
    }

    /** A subclass forgets its half-written state. */
    void abandoned() {
    }

    /** Where an item would start: pass to {@link #abandonItem(int)}. */
    public final int size() {
        return out.size();
    }

    /** Closes the envelope; the request's bytes are then {@code buffer()[0, size())} until {@link #reset()}. */
    public final ProtoWriter finish() {
        if (count > 0) {
            out.end(scopeMark);
            out.end(resourceMark);
        }
        return out;
    }

    public final void reset() {
        out.reset();
        count = 0;
        itemMark = -1;
    }
}
