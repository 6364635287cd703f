package dev.fnlens.collector.query;

import dev.fnlens.query.QueryResult;

/**
 * @param result              the engine's answer: status, columns, rows, statistics
 * @param partitionsSearched  day partitions opened for the time range
 */
public record QueryAnswer(QueryResult result, int partitionsSearched) {
}
