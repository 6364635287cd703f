package dev.fnlens.agent;

/**
 * The agent's own diagnostics: silent unless {@code debug=true}, because on Lambda
 * stderr is the function's log and must not fill with the agent's noise.
 */
public final class AgentLog {
    private static volatile boolean debug;
    /** The process's real stderr, kept aside before the console capture tees it. */
    private static volatile java.io.PrintStream out = System.err;

    private AgentLog() {
    }

    static void enableDebug() {
        debug = true;
    }

    static void writeTo(java.io.PrintStream stream) {
        out = stream;
    }

    public static boolean isDebug() {
        return debug;
    }

    public static void debug(String message) {
        if (debug) {
            out.println("[fnlens] " + message);
        }
    }

    public static void debug(String message, Throwable error) {
        if (debug) {
            out.println("[fnlens] " + message + ": " + error);
        }
    }
}
