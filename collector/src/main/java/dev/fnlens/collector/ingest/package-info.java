/**
 * Internal. OTLP export requests to log events: decoding (protobuf, JSON with hex ids) and
 * the mapping of invocation spans and log records to the lines Lambda writes.
 */
package dev.fnlens.collector.ingest;
