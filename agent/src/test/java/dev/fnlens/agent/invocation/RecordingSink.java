package dev.fnlens.agent.invocation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every published invocation, each in a slot of its own. */
public final class RecordingSink implements InvocationSink {
    public final List<Invocation> recorded = new CopyOnWriteArrayList<>();

    @Override
    public Invocation claim() {
        return new Invocation();
    }

    @Override
    public void publish(Invocation invocation) {
        recorded.add(invocation);
    }

    public static InvocationRecorder.Options options(boolean coldStartEligible) {
        return new InvocationRecorder.Options(coldStartEligible, false, true, true, true);
    }
}
