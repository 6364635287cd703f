/**
 * Internal. The state machine of a rule's alerts ({@code OK -> PENDING -> FIRING -> OK}), no-data handling,
 * transitions for the history, and alerts as they are notified.
 */
package dev.fnlens.collector.alert.eval;
