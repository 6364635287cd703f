/**
 * Real OpenSearch from the Maven Central distribution zip, for integration tests and
 * benchmarks.
 */
package dev.fnlens.testkit.opensearch;
