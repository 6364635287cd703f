/** Durable ingest benchmark: prepared request bodies, concurrent senders, read-back, disk and heap. */
package dev.fnlens.bench.ingest;
