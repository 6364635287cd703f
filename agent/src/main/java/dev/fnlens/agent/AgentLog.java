package dev.fnlens.agent;

/**
 * The agent's own diagnostics: silent unless {@code debug=true}, because on Lambda
 * stderr is the function's log and must not fill with the agent's noise.
 */
public final class AgentLog {
    private static volatile boolean debug;

    private AgentLog() {
    }

    static void enableDebug() {
        debug = true;
    }

    public static boolean isDebug() {
        return debug;
    }

    public static void debug(String message) {
        if (debug) {
            System.err.println("[fnlens] " + message);
        }
    }

    public static void debug(String message, Throwable error) {
        if (debug) {
            System.err.println("[fnlens] " + message + ": " + error);
        }
    }
}
