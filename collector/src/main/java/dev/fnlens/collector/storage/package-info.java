/**
 * The storage seam: {@link dev.fnlens.collector.storage.Storage} and its implementations, the embedded Lucene
 * store (default) and OpenSearch. Nothing above it (ingest, queries, alerts, UI) knows which one runs.
 */
package dev.fnlens.collector.storage;
