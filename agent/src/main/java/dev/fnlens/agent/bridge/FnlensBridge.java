package dev.fnlens.agent.bridge;

import java.lang.invoke.MethodHandle;

/**
 * The invocation hooks as seen from a class loader that cannot see the agent (one that does not
 * delegate to the system class loader). This one class is put on the bootstrap class path, which
 * every loader reaches, and forwards to the agent's hooks through method handles. JDK types only.
 * Never referenced by name from agent code: it is loaded from the bootstrap path explicitly.
 */
public final class FnlensBridge {
    public static volatile MethodHandle enter;
    public static volatile MethodHandle exit;
    public static volatile MethodHandle exitError;

    private FnlensBridge() {
    }

    public static void enter(Object input, Object output, Object context, String handlerClass) {
        try {
            MethodHandle h = enter;
            if (h != null) {
                h.invokeExact(input, output, context, handlerClass);
            }
        } catch (Throwable ignored) {
            // never into the function
        }
    }

    public static void exit(Object result) {
        try {
            MethodHandle h = exit;
            if (h != null) {
                h.invokeExact(result);
            }
        } catch (Throwable ignored) {
            // never into the function
        }
    }

    public static void exitError(Throwable error) {
        try {
            MethodHandle h = exitError;
            if (h != null) {
                h.invokeExact(error);
            }
        } catch (Throwable ignored) {
            // never into the function
        }
    }
}
