/**
 * Internal: what happens off the handler's thread. Bounded queues, one background export thread that
 * turns invocations into spans and log lines into log records (encoded by hand as OTLP protobuf) and
 * posts them over one kept-alive HTTP connection, and a bounded flush at JVM shutdown.
 */
package dev.fnlens.agent.export;
