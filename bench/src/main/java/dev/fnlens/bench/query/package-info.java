/** Query latency benchmark: the same questions as fnlens search / Insights queries and as OpenSearch DSL. */
package dev.fnlens.bench.query;
