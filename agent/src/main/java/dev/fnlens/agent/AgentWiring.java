package dev.fnlens.agent;

import dev.fnlens.agent.config.AgentConfig;
import dev.fnlens.agent.export.ExportPipeline;
import dev.fnlens.agent.invocation.ActiveInvocation;
import dev.fnlens.agent.invocation.InvocationHooks;
import dev.fnlens.agent.invocation.InvocationRecorder;
import dev.fnlens.agent.invocation.InvocationRing;
import dev.fnlens.agent.logs.LogCapture;
import dev.fnlens.agent.runtime.ExtensionLoop;
import dev.fnlens.agent.runtime.Watchdog;
import java.util.function.BooleanSupplier;

/**
 * Wires the recorder, the export pipeline, the watchdog and the Lambda extension together. Apart from
 * {@link AgentMain} because the premain's main thread must not load the classes these methods name: verifying a
 * class loads the types its methods pass around, and on Lambda all of this runs on the extension's thread.
 */
final class AgentWiring {
    private AgentWiring() {
    }

    /**
     * On Lambda, the extension's thread. First it rewrites the runtime interface client's classes ahead of the main
     * thread, which loads them a few milliseconds after the premain (see
     * {@link dev.fnlens.agent.instrument.HandlerTransformer#prepare}); then registers with the Extensions API, which
     * must be done before the runtime asks for its first event; then wires the rest and runs once what the first
     * invocation runs, before asking for the first event: Lambda holds the first invocation until then.
     */
    static void onExtensionThread(AgentMain agent) {
        ExtensionLoop extension = null;
        InvocationRecorder recorder = null;
        try {
            LogCapture.ignoreCurrentThread();
            agent.transformer.prepare(ClassLoader.getSystemClassLoader());
            extension = new ExtensionLoop(agent.config.runtimeApi(), new BooleanSupplier() {
                @Override
                public boolean getAsBoolean() {
                    return agent.transformer.responseHooked();
                }
            }, agent.config.flushWaitMs());
            extension.register();
            recorder = wire(agent, extension);
        } catch (Throwable t) {
            AgentLog.debug("could not start", t);
        } finally {
            InvocationHooks.started(); // a handler invoked meanwhile waits for this, recorder or not
        }
        try {
            if (recorder != null) {
                recorder.warmUp();
                extension.loop();
            }
        } catch (Throwable t) {
            AgentLog.debug("extension stopped", t);
        }
    }

    /** The recorder, the export pipeline, the watchdog, and what connects them and the extension (or null). */
    static InvocationRecorder wire(AgentMain agent, ExtensionLoop extension) {
        AgentConfig config = agent.config;
        AgentConfig.Features features = config.features();
        InvocationRing ring = new InvocationRing(config.queueSize());
        ExportPipeline pipeline = new ExportPipeline(config, ring, agent.logQueue, agent.startEpochNanos);
        InvocationRecorder recorder = new InvocationRecorder(ring, new InvocationRecorder.Options(
                config.coldStartEligible(), config.snapStart(), features.triggers(), features.traceContext(),
                features.memory()));
        Watchdog watchdog = features.timeouts() ? new Watchdog(recorder, pipeline, config.timeoutMarginMs()) : null;
        pipeline.setHousekeeping(new Runnable() { // no lambdas: their bootstrap costs start-up time
            @Override
            public void run() {
                agent.jul.installIfLoaded();
            }
        });
        if (extension != null) {
            extension.setPipeline(pipeline);
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
        if (extension != null) {
            InvocationHooks.onResponse(extension);
        }
        InvocationHooks.install(recorder);
        return recorder;
    }
}
