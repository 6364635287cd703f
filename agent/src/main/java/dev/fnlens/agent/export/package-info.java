/**
 * Internal: what happens off the handler's thread. A bounded queue, one background
 * worker that builds the (relocated) OpenTelemetry SDK lazily, turns invocations into
 * spans and exports them over OTLP/HTTP, and a bounded flush at JVM shutdown.
 */
package dev.fnlens.agent.export;
