package dev.fnlens.agent;

import java.lang.instrument.Instrumentation;

/**
 * {@code -javaagent} entry point. JDK only and never throws: whatever goes wrong in
 * the agent, the function still starts, just without telemetry.
 */
public final class AgentPremain {
    private AgentPremain() {
    }

    public static void premain(String args, Instrumentation instrumentation) {
        try {
            AgentMain.start(args, instrumentation);
        } catch (Throwable t) {
            try {
                System.err.println("[fnlens] agent disabled, could not start: " + t);
            } catch (Throwable ignored) {
                // nothing left to do
            }
        }
    }
}
