/**
 * OpenSearch as a peer: a single-node launcher from the Maven Central zip (reusable by
 * integration tests), the index template for Lambda events, bulk bodies and the calls made.
 */
package dev.fnlens.bench.opensearch;
