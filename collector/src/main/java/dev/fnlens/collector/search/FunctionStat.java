package dev.fnlens.collector.search;

/**
 * A log group seen by the collector.
 *
 * @param function    the group name without {@code /aws/lambda/}
 * @param events      events stored in the group
 * @param invocations REPORT events, one per invocation
 */
public record FunctionStat(String logGroup, String function, long events, long invocations) {
}
