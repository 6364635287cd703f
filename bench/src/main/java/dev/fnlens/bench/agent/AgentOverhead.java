package dev.fnlens.bench.agent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Warm overhead: {@link EmptyHandlerBenchmark} in a JVM without an agent and in one with the fnlens agent
 * (exporting to a port where nothing listens, so every export fails fast), with JMH's GC profiler for the
 * bytes allocated per invocation.
 *
 * <p>{@code java -cp bench/target/fnlens-bench.jar dev.fnlens.bench.agent.AgentOverhead [bench/target/agent-bench]}
 */
public final class AgentOverhead {
    private AgentOverhead() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench/target/agent-bench").toAbsolutePath();
        Path agent = dir.resolve("fnlens-agent.jar");
        List<String[]> rows = new ArrayList<>();
        for (String variant : new String[] {"no agent", "fnlens"}) {
            List<String> jvmArgs = new ArrayList<>(List.of("-Xmx512m", "-XX:+UseSerialGC"));
            if (variant.equals("fnlens")) {
                jvmArgs.add("-javaagent:" + agent + "=endpoint=http://127.0.0.1:1,function_name=bench");
            }
            Options options = new OptionsBuilder()
                    .include(EmptyHandlerBenchmark.class.getName())
                    .forks(1)
                    .warmupIterations(3).warmupTime(TimeValue.seconds(2))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(2))
                    .jvmArgsAppend(jvmArgs.toArray(new String[0]))
                    .addProfiler(GCProfiler.class)
                    .build();
            Collection<RunResult> results = new Runner(options).run();
            for (RunResult run : results) {
                Result<?> primary = run.getPrimaryResult();
                Result<?> alloc = secondary(run, "gc.alloc.rate.norm");
                Result<?> gcCount = secondary(run, "gc.count");
                rows.add(new String[] {variant,
                        String.format(Locale.ROOT, "%.1f ± %.1f", primary.getScore(), primary.getScoreError()),
                        alloc == null ? "?" : String.format(Locale.ROOT, "%.1f", alloc.getScore()),
                        gcCount == null ? "?" : String.format(Locale.ROOT, "%.0f", gcCount.getScore())});
            }
        }
        System.out.println();
        System.out.println("| JVM | ns per invocation | bytes allocated per invocation | GCs |");
        System.out.println("|---|---|---|---|");
        for (String[] row : rows) {
            System.out.println("| " + String.join(" | ", row) + " |");
        }
    }

    /** JMH names its profiler results with or without a leading middle dot, depending on the version. */
    private static Result<?> secondary(RunResult run, String name) {
        Result<?> result = run.getSecondaryResults().get(name);
        return result != null ? result : run.getSecondaryResults().get("\u00b7" + name);
    }
}
