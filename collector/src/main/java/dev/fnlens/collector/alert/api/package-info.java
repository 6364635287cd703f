/**
 * Internal. {@code /api/alerts/...} over Javalin.
 */
package dev.fnlens.collector.alert.api;
