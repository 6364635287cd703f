package dev.fnlens.agent;

import dev.fnlens.agent.config.AgentConfig;
import dev.fnlens.agent.export.ExportPipeline;
import dev.fnlens.agent.instrument.HandlerTransformer;
import dev.fnlens.agent.invocation.ActiveInvocation;
import dev.fnlens.agent.invocation.Clock;
import dev.fnlens.agent.invocation.InvocationHooks;
import dev.fnlens.agent.invocation.InvocationRecorder;
import dev.fnlens.agent.invocation.InvocationRing;
import dev.fnlens.agent.logs.ConsoleCapture;
import dev.fnlens.agent.logs.JulCapture;
import dev.fnlens.agent.logs.LogCapture;
import dev.fnlens.agent.logs.LogQueue;
import dev.fnlens.agent.runtime.ExtensionLoop;
import dev.fnlens.agent.runtime.Watchdog;
import java.lang.instrument.Instrumentation;
import java.util.function.BooleanSupplier;

/**
 * Wires the agent together. Runs before the function's main, so it does only cheap,
 * JDK-only work: read the configuration, tee the console, register the transformer, and on
 * Lambda start the extension thread (it registers while the runtime initialises). The
 * exporter is not touched until the first invocation has finished.
 */
final class AgentMain {
    private AgentMain() {
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
        InvocationRing ring = new InvocationRing(config.queueSize());
        LogQueue logQueue = new LogQueue(config.logQueueSize());
        if (features.logs()) {
            LogCapture.install(new LogCapture(logQueue, config.logSampleRate()));
            if (features.consoleLogs()) {
                AgentLog.writeTo(ConsoleCapture.install());
            }
        }
        ExportPipeline pipeline = new ExportPipeline(config, ring, logQueue, startEpochNanos);
        InvocationRecorder recorder = new InvocationRecorder(ring, new InvocationRecorder.Options(
                config.coldStartEligible(), config.snapStart(), features.triggers(), features.traceContext(),
                features.memory()));
        Watchdog watchdog = features.timeouts() ? new Watchdog(recorder, pipeline, config.timeoutMarginMs()) : null;
        JulLoaded jul = new JulLoaded(features.frameworkLogs());
        pipeline.setHousekeeping(new Runnable() { // no lambdas in premain: their bootstrap costs start-up time
            @Override
            public void run() {
                jul.installIfLoaded();
            }
        });
        HandlerTransformer transformer = new HandlerTransformer(config.handler(), features.frameworkLogs(),
                instrumentation, jul);
        ExtensionLoop extension = config.onLambda() && features.extension()
                ? new ExtensionLoop(config.runtimeApi(), pipeline, new BooleanSupplier() {
                    @Override
                    public boolean getAsBoolean() {
                        return transformer.responseHooked();
                    }
                }, config.flushWaitMs())
                : null;
        if (extension != null) {
            pipeline.setExtension(new BooleanSupplier() {
                @Override
                public boolean getAsBoolean() {
                    return extension.registered();
                }
            });
        }
        recorder.setListener(new InvocationRecorder.Listener() {
            @Override
            public void started(ActiveInvocation invocation) {
                pipeline.invocationStarted(invocation.handlerClass());
                if (watchdog != null) {
                    watchdog.watch(invocation);
                }
            }

            @Override
            public void ended(String requestId) {
                pipeline.invocationEnded();
                if (extension != null) {
                    extension.ended(requestId);
                }
            }
        });
        InvocationHooks.install(recorder);
        if (extension != null) {
            InvocationHooks.onResponse(extension);
        }
        instrumentation.addTransformer(transformer, false);
        if (extension != null) {
            extension.start();
        }
        AgentLog.debug("started; exporting to " + config.endpoint());
    }

    /** java.util.logging is captured once the function uses it; installed from the export thread. */
    private static final class JulLoaded implements HandlerTransformer.ClassLoadListener {
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
