/**
 * Internal. Durable delivery: notifications in fsynced files until delivered, retried with backoff.
 */
package dev.fnlens.collector.alert.outbox;
