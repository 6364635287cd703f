/**
 * The fnlens java agent: {@link dev.fnlens.agent.AgentPremain} is its only entry point.
 * Everything in this module is internal to the agent jar; its public surface is the
 * configuration keys and the OTLP it sends (see docs/agent.md).
 */
package dev.fnlens.agent;
