/**
 * Internal. Crash-safe files for alerting: atomic JSON documents and the append-only history.
 */
package dev.fnlens.collector.alert.persist;
