/** The fnlens side: the collector as a separate JVM, OTLP request bodies as the agent sends them, its HTTP API. */
package dev.fnlens.bench.fnlens;
