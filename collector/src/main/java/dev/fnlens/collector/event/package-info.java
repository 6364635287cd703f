/**
 * The stored unit: {@link dev.fnlens.collector.event.LogEvent}, a CloudWatch-style log line
 * with its discovered fields. Public: the query engine reads events through
 * {@link dev.fnlens.collector.event.LogEvent#get(String)}.
 */
package dev.fnlens.collector.event;
