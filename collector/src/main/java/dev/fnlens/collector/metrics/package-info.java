/**
 * Internal. Micrometer meters, exposed in Prometheus text format on {@code /metrics}.
 */
package dev.fnlens.collector.metrics;
