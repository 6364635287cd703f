/**
 * Internal: the column-wise answers of {@code POST /api/query}. When a query, after its filters went into the
 * Lucene query, is only an aggregation or a top-k sort, it is answered per segment straight from doc values —
 * ordinals for group keys, numbers for aggregates, a sorted search for top-k — instead of handing every event to the
 * row engine. The answers are the row engine's, to the character; anything else goes to the row engine.
 */
package dev.fnlens.collector.query.columnar;
