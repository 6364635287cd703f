/**
 * Who may do what: scoped access tokens ({@code ingest}, {@code read}, {@code admin}) kept hashed in the data
 * directory, UI sessions, and the check every route passes through. Internal to the collector.
 */
package dev.fnlens.collector.auth;
