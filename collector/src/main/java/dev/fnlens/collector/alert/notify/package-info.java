/**
 * Internal. Destinations and the address policy, Alertmanager-style grouping, notification bodies
 * (Alertmanager v4, Slack, templates) and Standard Webhooks signatures.
 */
package dev.fnlens.collector.alert.notify;
