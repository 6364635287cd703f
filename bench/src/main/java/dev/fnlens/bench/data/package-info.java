/**
 * The seeded Lambda data set: functions of different shapes, their invocations, and the
 * CloudWatch-style lines each becomes (the same lines the collector makes of the OTLP).
 */
package dev.fnlens.bench.data;
