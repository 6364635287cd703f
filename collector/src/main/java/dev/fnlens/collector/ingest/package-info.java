/**
 * Internal. Ingest requests to log events: OTLP export requests (decoding protobuf and JSON
 * with hex ids; invocation spans and log records to the lines Lambda writes) and CloudWatch
 * Logs subscription messages delivered by Firehose (decoding, PutLogEvents' per-event checks).
 */
package dev.fnlens.collector.ingest;
