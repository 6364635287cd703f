package dev.fnlens.agent.invocation;

/**
 * The static methods rewritten handlers call.
 *
 * <p>The bytecode the agent adds to a handler method is: {@code enter(input, output, context,
 * "pkg.Handler")} on entry, {@code exit(result)} before each return (null for void and primitive
 * results), and {@code exitError(t)} in a catch-all handler that then rethrows {@code t} unchanged.
 * Nothing may escape from here into the function, hence the catch-alls. Signatures are part of the
 * bytecode contract with the instrumentation (and with its bootstrap bridge).
 */
public final class InvocationHooks {
    /** Told when the runtime has sent an invocation's response. */
    public interface ResponseListener {
        void responseSent(String requestId);
    }

    /** How long a handler invoked while the agent is still starting waits for it (then it runs unrecorded). */
    static final long START_WAIT_MS = 2_000;

    private static volatile InvocationRecorder recorder;
    private static volatile ResponseListener responses;
    /** Run once, before the runtime's first request for an invocation or the first handler call. */
    private static volatile Runnable beforeFirstInvocation;
    /** Set while the recorder is being wired on another thread. */
    private static volatile boolean starting;
    private static final Object START_LOCK = new Object();
    private static final ThreadLocal<String> RESPONDING = new ThreadLocal<>();
    private static final ThreadLocal<Object> RUNTIME_REQUEST = new ThreadLocal<>();

    private InvocationHooks() {
    }

    /** Called once by the agent's start-up; until then hooks do nothing. */
    public static void install(InvocationRecorder installed) {
        recorder = installed;
    }

    /** The recorder is wired on another thread: a handler invoked meanwhile waits for {@link #started}. */
    public static void starting() {
        starting = true;
    }

    /** The start-up is over, whether it installed a recorder or not. */
    public static void started() {
        synchronized (START_LOCK) {
            starting = false;
            START_LOCK.notifyAll();
        }
    }

    /** The recorder, waiting (bounded) while it is still being wired; null when there is none. */
    private static InvocationRecorder awaitRecorder() {
        if (!starting) {
            return recorder;
        }
        long deadline = System.nanoTime() + START_WAIT_MS * 1_000_000L;
        synchronized (START_LOCK) {
            long left;
            while (starting && (left = deadline - System.nanoTime()) > 0) {
                try {
                    START_LOCK.wait(left / 1_000_000L + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // the function's: keep it, and stop waiting
                    break;
                }
            }
        }
        return recorder;
    }

    /** {@code task} runs once, before the runtime first asks for an invocation or a handler is first called. */
    public static void beforeFirstInvocation(Runnable task) {
        beforeFirstInvocation = task;
    }

    private static void runBeforeFirstInvocation() {
        Runnable task;
        synchronized (START_LOCK) {
            task = beforeFirstInvocation;
            beforeFirstInvocation = null;
        }
        if (task != null) {
            try {
                task.run();
            } catch (Throwable ignored) {
                // the function must run even if the agent is broken
            }
        }
    }

    public static void onResponse(ResponseListener listener) {
        responses = listener;
    }

    public static InvocationRecorder recorder() {
        return recorder;
    }

    public static void enter(Object input, Object output, Object context, String handlerClass) {
        try {
            if (beforeFirstInvocation != null) {
                runBeforeFirstInvocation();
            }
            InvocationRecorder r = recorder;
            if (r == null) {
                r = awaitRecorder(); // only a handler invoked before the agent has finished starting
            }
            if (r != null) {
                r.enter(input, output, context, handlerClass);
            }
        } catch (Throwable ignored) {
            // the function must run even if the agent is broken
        }
    }

    public static void exit(Object result) {
        try {
            InvocationRecorder r = recorder;
            if (r != null) {
                r.exit(result, null);
            }
        } catch (Throwable ignored) {
            // the function's result must reach its caller unchanged
        }
    }

    public static void exitError(Throwable error) {
        try {
            InvocationRecorder r = recorder;
            if (r != null) {
                r.exit(null, error);
            }
        } catch (Throwable ignored) {
            // the function's exception must reach its caller unchanged
        }
    }

    /** The AWS runtime interface client is about to ask for the next invocation. */
    public static void nextInvocationRequested() {
        if (beforeFirstInvocation != null) {
            runBeforeFirstInvocation();
        }
    }

    /** The AWS runtime interface client received the next invocation (its {@code InvocationRequest}). */
    public static void nextInvocation(Object request) {
        RUNTIME_REQUEST.set(request);
    }

    /** The runtime's current request on this thread, for handlers that take no Context; or null. */
    static Object runtimeRequest() {
        return RUNTIME_REQUEST.get();
    }

    /** The AWS runtime interface client is about to post the response or error of {@code requestId}. */
    public static void responding(String requestId) {
        RESPONDING.set(requestId);
    }

    /** ... and has posted it (or failed to). */
    public static void responseSent() {
        try {
            ResponseListener l = responses;
            String requestId = RESPONDING.get();
            if (l != null && requestId != null) {
                l.responseSent(requestId);
            }
        } catch (Throwable ignored) {
            // never disturb the runtime
        }
    }
}
