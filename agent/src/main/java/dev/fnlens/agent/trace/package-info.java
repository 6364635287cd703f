/** Internal: the caller's trace context (W3C traceparent, X-Ray), continued by the invocation's span. */
package dev.fnlens.agent.trace;
