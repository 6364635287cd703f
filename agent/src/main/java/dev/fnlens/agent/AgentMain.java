package dev.fnlens.agent;

import dev.fnlens.agent.config.AgentConfig;
import dev.fnlens.agent.export.SpanPipeline;
import dev.fnlens.agent.instrument.HandlerTransformer;
import dev.fnlens.agent.invocation.InvocationHooks;
import dev.fnlens.agent.invocation.InvocationRecorder;
import java.lang.instrument.Instrumentation;
import java.time.Instant;

/**
 * Wires the agent together. Runs before the function's main, so it does only cheap,
 * JDK-only work: read the configuration and register the transformer. The
 * OpenTelemetry SDK is not touched until the first invocation has finished.
 */
final class AgentMain {
    private AgentMain() {
    }

    static void start(String args, Instrumentation instrumentation) {
        Instant now = Instant.now();
        AgentConfig config = AgentConfig.load(args, System.getenv());
        if (config.debug()) {
            AgentLog.enableDebug();
        }
        if (!config.enabled()) {
            AgentLog.debug("disabled by configuration");
            return;
        }
        SpanPipeline pipeline = new SpanPipeline(config, now.getEpochSecond() * 1_000_000_000L + now.getNano());
        InvocationHooks.install(new InvocationRecorder(pipeline, config.coldStartEligible()));
        instrumentation.addTransformer(new HandlerTransformer(), false);
        AgentLog.debug("started; exporting to " + config.tracesUrl());
    }
}
