/**
 * Internal: living inside a Lambda execution environment. The Extensions API loop that exports after
 * each response, and the watchdog that ships a timeout record before the deadline.
 */
package dev.fnlens.agent.runtime;
