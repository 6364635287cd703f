/**
 * Alerting: rules evaluated on a schedule, alert states, notification groups, signed webhooks through a
 * persisted outbox ({@link dev.fnlens.collector.alert.Alerting} is the entry point; docs/alerts.md describes it).
 */
package dev.fnlens.collector.alert;
