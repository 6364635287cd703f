/** Internal: agent arguments and environment variables, resolved once at start-up. */
package dev.fnlens.agent.config;
