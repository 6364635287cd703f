/**
 * Internal. The write-ahead log: length + CRC32 + sequence framed records, fsynced with
 * group commit before an ingest request is acknowledged, replayed after a crash.
 */
package dev.fnlens.collector.wal;
