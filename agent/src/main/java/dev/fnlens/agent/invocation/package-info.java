/**
 * Internal: what happens on the handler's thread. The hooks the rewritten handlers call,
 * and the cheap measurements of one invocation. Nothing here may throw into the function.
 */
package dev.fnlens.agent.invocation;
