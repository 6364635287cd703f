/**
 * Internal. The HTTP surface: one class per API, all registered in
 * {@link dev.fnlens.collector.http.HttpSetup}; expected errors are
 * {@link dev.fnlens.collector.http.ApiException} values.
 */
package dev.fnlens.collector.http;
