package dev.fnlens.bench.agent;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * One warm invocation of an empty handler. Run without an agent and with the fnlens agent attached
 * ({@link AgentOverhead}): the difference is the agent's cost per invocation on the handler's thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EmptyHandlerBenchmark {
    private final EmptyHandler handler = new EmptyHandler();
    private final BenchContext context = new BenchContext("8f507cfc-1d2b-4697-b07a-ac58fc914c95");
    private final String input = "ping";

    @Benchmark
    public String invoke() {
        return handler.handleRequest(input, context);
    }
}
