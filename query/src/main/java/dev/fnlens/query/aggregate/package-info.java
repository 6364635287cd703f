/**
 * Internal: not part of the query module's API; may change without notice. {@link ExactSum} and
 * {@link Percentile#select} are shared with the collector's column-wise aggregation, so that both give the same answers.
 */
package dev.fnlens.query.aggregate;
