/**
 * Internal. Lucene storage: one index per UTC day, the schema, and the indexer thread that
 * moves durable records into it and commits the write-ahead log sequence it covers.
 */
package dev.fnlens.collector.store;
