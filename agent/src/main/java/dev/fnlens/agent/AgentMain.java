package dev.fnlens.agent;

import dev.fnlens.agent.config.AgentConfig;
import dev.fnlens.agent.instrument.HandlerTransformer;
import dev.fnlens.agent.invocation.Clock;
import dev.fnlens.agent.invocation.InvocationHooks;
import dev.fnlens.agent.logs.ConsoleCapture;
import dev.fnlens.agent.logs.JulCapture;
import dev.fnlens.agent.logs.LogCapture;
import dev.fnlens.agent.logs.LogQueue;
import java.lang.instrument.Instrumentation;

/**
 * Starts the agent. The premain runs on the function's main thread before its main, so it does only what cannot
 * wait: read the configuration, tee the console, register the transformer. On Lambda the rest is done by the
 * extension's thread ({@link AgentWiring}): Lambda holds the first invocation until the extension has registered,
 * and the main thread has the runtime to start meanwhile. Off Lambda, with no extension, it is all done here.
 * The exporter is not touched until the first invocation has finished.
 */
final class AgentMain implements Runnable {
    final AgentConfig config;
    final long startEpochNanos;
    final LogQueue logQueue;
    final HandlerTransformer transformer;
    final JulLoaded jul;

    private AgentMain(AgentConfig config, long startEpochNanos, LogQueue logQueue, HandlerTransformer transformer,
                      JulLoaded jul) {
        this.config = config;
        this.startEpochNanos = startEpochNanos;
        this.logQueue = logQueue;
        this.transformer = transformer;
        this.jul = jul;
    }

    static void start(String args, Instrumentation instrumentation) {
        long startEpochNanos = Clock.nowEpochNanos();
        AgentConfig config = AgentConfig.load(args, System.getenv());
        if (config.debug()) {
            AgentLog.enableDebug();
        }
        if (!config.enabled()) {
            AgentLog.debug("disabled by configuration");
            return;
        }
        AgentConfig.Features features = config.features();
        LogQueue logQueue = new LogQueue(config.logQueueSize());
        if (features.logs()) {
            LogCapture.install(new LogCapture(logQueue, config.logSampleRate()));
            if (features.consoleLogs()) {
                AgentLog.writeTo(ConsoleCapture.install());
            }
        }
        JulLoaded jul = new JulLoaded(features.frameworkLogs());
        HandlerTransformer transformer = new HandlerTransformer(config.handler(), features.frameworkLogs(),
                instrumentation, jul);
        AgentMain agent = new AgentMain(config, startEpochNanos, logQueue, transformer, jul);
        InvocationHooks.beforeFirstInvocation(transformer.setupPauseEnd());
        instrumentation.addTransformer(transformer, false);
        if (config.onLambda() && features.extension() && startThread(agent)) {
            return;
        }
        AgentWiring.wire(agent, null);
        AgentLog.debug("started; exporting to " + config.endpoint());
    }

    /** False when the thread could not be started: nothing then waits for it, and the premain does the rest. */
    private static boolean startThread(AgentMain agent) {
        try {
            Thread thread = new Thread(agent, "fnlens-extension");
            thread.setDaemon(true);
            // set before the main thread goes on: the runtime client's classes, and a handler invoked early, wait
            agent.transformer.expectPreparation();
            InvocationHooks.starting();
            thread.start();
            AgentLog.debug("started; exporting to " + agent.config.endpoint());
            return true;
        } catch (Throwable t) {
            AgentLog.debug("no extension thread", t);
            agent.transformer.prepare(null);
            InvocationHooks.started();
            return false;
        }
    }

    /** The extension's thread: the start-up work the main thread would otherwise do, then the extension loop. */
    @Override
    public void run() {
        AgentWiring.onExtensionThread(this);
    }

    /** java.util.logging is captured once the function uses it; installed from the export thread. */
    static final class JulLoaded implements HandlerTransformer.ClassLoadListener {
        private final boolean enabled;
        private volatile boolean loaded;
        private long lastCheck;

        JulLoaded(boolean enabled) {
            this.enabled = enabled;
        }

        @Override
        public void julLoaded() {
            loaded = enabled;
        }

        void installIfLoaded() {
            // again now and then: a function that reconfigures java.util.logging removes the bracket
            long now = System.nanoTime();
            if (loaded && now - lastCheck > 1_000_000_000L) {
                lastCheck = now;
                JulCapture.install();
            }
        }
    }
}
