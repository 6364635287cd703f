/**
 * Internal. Full-text search over the store (Lucene query syntax, newest first) and the
 * list of functions seen.
 */
package dev.fnlens.collector.search;
