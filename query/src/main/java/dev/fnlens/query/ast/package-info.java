/**
 * The immutable syntax tree of a parsed query: public, so stores can translate the leading filters into their own
 * queries (see {@code Query.pushdownFilters()}).
 */
package dev.fnlens.query.ast;
