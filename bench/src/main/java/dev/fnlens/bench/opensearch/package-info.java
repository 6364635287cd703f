/**
 * OpenSearch as a peer: the index template for Lambda events, bulk bodies and the calls
 * made. The node itself comes from {@code dev.fnlens.testkit.opensearch}.
 */
package dev.fnlens.bench.opensearch;
