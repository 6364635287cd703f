/** Internal: the one class put on the bootstrap class path for handlers of isolated class loaders. */
package dev.fnlens.agent.bridge;
