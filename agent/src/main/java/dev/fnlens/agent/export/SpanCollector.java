package dev.fnlens.agent.export;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands ended spans back to the export worker instead of queueing them again:
 * the worker already batches, bounds and times the export, so the SDK's
 * BatchSpanProcessor (a second queue and a second thread) would only add loss we cannot count.
 */
final class SpanCollector implements SpanProcessor {
    private final List<SpanData> ended = new ArrayList<>();

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public synchronized void onEnd(ReadableSpan span) {
        ended.add(span.toSpanData());
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    synchronized List<SpanData> drain() {
        List<SpanData> spans = new ArrayList<>(ended);
        ended.clear();
        return spans;
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
