/**
 * The Logs Insights query language, independent of any store.
 *
 * <p>Public API: {@link dev.fnlens.query.Query} (parse, inspect, execute), {@link dev.fnlens.query.FieldSource}
 * (how the engine reads an event), {@link dev.fnlens.query.ExecutionLimits}, {@link dev.fnlens.query.QueryResult},
 * and the immutable syntax tree in {@link dev.fnlens.query.ast}. Every other package is internal.
 */
package dev.fnlens.query;
