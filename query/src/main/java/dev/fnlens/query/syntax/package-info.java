/** Internal: not part of the query module's API; may change without notice. */
package dev.fnlens.query.syntax;
