package dev.fnlens.agent.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * A function that brings its own OpenTelemetry SDK (registered as the global one) and ByteBuddy, in
 * other versions than the agent's: both must keep working, and its own spans must stay its own.
 */
public class BundledLibrariesHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final AtomicInteger EXPORTED = new AtomicInteger();
    private static final OpenTelemetrySdk SDK = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(new CountingExporter())).build())
            .buildAndRegisterGlobal();

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Span span = GlobalOpenTelemetry.getTracer("orders").spanBuilder("charge card").startSpan();
        span.end();
        String greeting;
        try {
            greeting = new ByteBuddy().subclass(Object.class)
                    .method(ElementMatchers.named("toString")).intercept(FixedValue.value("made by ByteBuddy"))
                    .make().load(getClass().getClassLoader()).getLoaded()
                    .getDeclaredConstructor().newInstance().toString();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("ownSpansExported", EXPORTED.get(),
                "otelVersion", String.valueOf(OpenTelemetrySdk.class.getPackage().getImplementationVersion()),
                "byteBuddy", greeting,
                "byteBuddyJar", ByteBuddy.class.getProtectionDomain().getCodeSource().getLocation().getPath(),
                "otelJar", OpenTelemetrySdk.class.getProtectionDomain().getCodeSource().getLocation().getPath(),
                "sdkIsGlobal", GlobalOpenTelemetry.getTracerProvider() != null && SDK != null);
    }

    private static final class CountingExporter implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            EXPORTED.addAndGet(spans.size());
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
