/**
 * Internal: finding Lambda handlers among the classes the JVM loads, by class-file
 * bytes alone, and rewriting their {@code handleRequest} to call the invocation hooks.
 */
package dev.fnlens.agent.instrument;
