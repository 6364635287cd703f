/**
 * Real OpenSearch from the Maven Central distribution zip, for integration tests and
 * benchmarks: a node that can be stopped, restarted on the same ports and killed, a cluster
 * of nodes on loopback, and the JUnit support that skips or fails when it cannot start here.
 */
package dev.fnlens.testkit.opensearch;
