package dev.fnlens.query;

/**
 * How an execution ended. Spelled as CloudWatch's GetQueryResults spells its statuses, so {@code name()} can go on the
 * wire unchanged.
 */
public enum QueryStatus {
    /** All events were read (or a limit was reached) and the answer is whole. */
    Complete,
    /** The time limit passed; the rows are those produced before it, usually none for stats or sort. */
    Timeout,
    /** The cancellation flag was raised or the thread interrupted; rows as for Timeout. */
    Cancelled
}
