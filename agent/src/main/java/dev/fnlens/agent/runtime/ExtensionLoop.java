package dev.fnlens.agent.runtime;

import dev.fnlens.agent.AgentLog;
import dev.fnlens.agent.export.ExportPipeline;
import dev.fnlens.agent.invocation.Clock;
import dev.fnlens.agent.invocation.InvocationHooks;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * On Lambda, the agent as an internal extension (a daemon thread of the function's JVM, which first does the
 * agent's own start-up work): it registers for INVOKE events during init, and for each invocation waits until the
 * runtime has sent the response, exports, and only then asks for the next event. Lambda (and the local
 * runtime) hold the next invocation until every extension has asked, so exports never overlap
 * an invocation and never delay a response. If registering fails, exporting stays in the background.
 */
public final class ExtensionLoop implements InvocationHooks.ResponseListener {
    private final ExtensionClient client;
    private final BooleanSupplier responseHooked;
    private final long flushWaitMs;
    private ExportPipeline pipeline;
    private volatile Thread thread;
    private String identifier;
    private volatile boolean registered;
    private volatile String ended;
    private volatile String responded;

    public ExtensionLoop(String runtimeApi, BooleanSupplier responseHooked, long flushWaitMs) {
        this.client = new ExtensionClient(runtimeApi);
        this.responseHooked = responseHooked;
        this.flushWaitMs = flushWaitMs;
    }

    /** Where it exports after each response; set before {@link #loop}. */
    public void setPipeline(ExportPipeline pipeline) {
        this.pipeline = pipeline;
    }

    public boolean registered() {
        return registered;
    }

    /** The handler returned; enough to go on where the runtime's response call is not hooked. */
    public void ended(String requestId) {
        if (registered && !responseHooked.getAsBoolean()) {
            ended = requestId;
            LockSupport.unpark(thread);
        }
    }

    @Override
    public void responseSent(String requestId) {
        if (registered) {
            responded = requestId;
            LockSupport.unpark(thread);
        }
    }

    /**
     * Registers for INVOKE events; false when refused or unreachable (the agent then exports in the background).
     * The calling thread, a daemon, then runs {@link #loop}.
     */
    public boolean register() {
        thread = Thread.currentThread();
        try {
            identifier = client.register();
        } catch (Exception e) {
            identifier = null;
            AgentLog.debug("extension registration failed", e);
        }
        if (identifier == null) {
            AgentLog.debug("not registered as a Lambda extension; exporting in the background");
            return false;
        }
        registered = true;
        AgentLog.debug("registered as a Lambda internal extension");
        return true;
    }

    /** On the thread that registered: each event, the response, the export; for the life of the process. */
    public void loop() {
        if (identifier == null) {
            return;
        }
        try {
            while (true) {
                String event = client.next(identifier);
                if (event == null || !"INVOKE".equals(Json.string(event, "eventType"))) {
                    AgentLog.debug("extension loop ends on " + event);
                    return;
                }
                awaitResponse(Json.string(event, "requestId"), Json.number(event, "deadlineMs"));
                pipeline.flush(pipeline.healthy() ? flushWaitMs : 0);
            }
        } catch (Exception e) {
            AgentLog.debug("extension loop stopped", e);
        }
    }

    /** Until the runtime has answered this invocation, or its deadline (the watchdog handles timeouts). */
    private void awaitResponse(String requestId, long deadlineEpochMs) {
        long deadline = deadlineEpochMs > 0 ? Clock.nanoTimeOfEpochMillis(deadlineEpochMs)
                : System.nanoTime() + 900_000_000_000L;
        while (requestId != null && !requestId.equals(responded) && !requestId.equals(ended)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            LockSupport.parkNanos(this, left);
        }
    }

    /** The two fields of an extension event the loop reads. */
    static final class Json {
        private Json() {
        }

        static String string(String json, String key) {
            int at = valueStart(json, key);
            if (at < 0 || at >= json.length() || json.charAt(at) != '"') {
                return null;
            }
            int end = json.indexOf('"', at + 1);
            return end < 0 ? null : json.substring(at + 1, end);
        }

        static long number(String json, String key) {
            int at = valueStart(json, key);
            if (at < 0) {
                return -1;
            }
            int end = at;
            while (end < json.length() && Character.isDigit(json.charAt(end))) {
                end++;
            }
            return end == at ? -1 : Long.parseLong(json.substring(at, end));
        }

        private static int valueStart(String json, String key) {
            int at = json.indexOf('"' + key + '"');
            if (at < 0) {
                return -1;
            }
            int colon = json.indexOf(':', at);
            int i = colon + 1;
            while (i < json.length() && json.charAt(i) == ' ') {
                i++;
            }
            return colon < 0 ? -1 : i;
        }
    }
}
