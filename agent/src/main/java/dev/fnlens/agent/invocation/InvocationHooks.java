package dev.fnlens.agent.invocation;

/**
 * The static methods rewritten handlers call.
 *
 * <p>The bytecode the agent adds to {@code handleRequest} is:
 * {@code enter(input, context, "pkg.Handler")} on entry, {@code exit()} before each
 * return, and {@code exitError(t)} in a catch-all handler that then rethrows {@code t}
 * unchanged. Nothing may escape from here into the function, hence the catch-alls.
 * Signatures are part of the bytecode contract with {@code HandlerRewriter}.
 */
public final class InvocationHooks {
    private static volatile InvocationRecorder recorder;

    private InvocationHooks() {
    }

    /** Called once by the agent's start-up; until then hooks do nothing. */
    public static void install(InvocationRecorder installed) {
        recorder = installed;
    }

    public static void enter(Object input, Object context, String handlerClass) {
        try {
            InvocationRecorder r = recorder;
            if (r != null) {
                r.enter(input, context, handlerClass);
            }
        } catch (Throwable ignored) {
            // the function must run even if the agent is broken
        }
    }

    public static void exit() {
        exitError(null);
    }

    public static void exitError(Throwable error) {
        try {
            InvocationRecorder r = recorder;
            if (r != null) {
                r.exit(error);
            }
        } catch (Throwable ignored) {
            // the function's result or exception must reach its caller unchanged
        }
    }
}
