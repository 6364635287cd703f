package dev.fnlens.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.testfn.EmptyMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's part of the function's cold start: every class the premain loads on the main thread costs a jar read
 * and bytecode verification before the function's main may start, and a lambda or method handle spins classes
 * through java.lang.invoke (see docs/benchmarks.md, "Agent"). Read from the JVM's class-load log, with the thread
 * that loaded each class.
 */
class AgentStartupIT {
    /**
     * The agent's classes the main thread now loads from the premain to the function's main (22: the premain's 18,
     * and the 4 that look at the function's main class; from a renamed jar, verified, 24), with a little room. It was
     * 47 while the premain also wired the recorder and the export pipeline, which on Lambda the extension's thread
     * now does.
     */
    private static final int MAIN_THREAD_CLASS_BUDGET = 26;
    private static final Pattern LOAD = Pattern.compile("^\\[(\\d+)\\] (\\S+) source: .*");

    @TempDir
    Path workDir;

    @Test
    void premain_spinsNoLambdaClasses_loadsNeitherAsmNorTheHttpClient_andFewClassesInAll() throws Exception {
        Path log = workDir.resolve("classes.log");
        ChildJvm.Result result = ChildJvm.with(ChildJvm.CURRENT_JAVA)
                .jvmArg("-Xlog:class+load:file=" + log + ":tid")
                .env("FNLENS_ENDPOINT", FakeCollector.deadEndpoint())
                .env("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9") // on Lambda: the extension is part of the start too
                .run(workDir, 60, EmptyMain.class.getName());
        assertThat(result.exitCode()).as(result.describe()).isZero();

        List<String> premain = loadedByTheMainThreadDuringPremain(Files.readAllLines(log));
        List<String> agentClasses = premain.stream().filter(c -> c.startsWith("dev.fnlens.")).toList();

        assertThat(agentClasses).as("the premain ran").contains("dev.fnlens.agent.AgentPremain",
                "dev.fnlens.agent.instrument.HandlerTransformer", "dev.fnlens.agent.logs.ConsoleCapture");
        assertThat(agentClasses).as("ASM and the HTTP client load when first needed, not in the premain")
                .noneMatch(c -> c.startsWith("dev.fnlens.agent.shaded.") || c.startsWith("dev.fnlens.agent.http."));
        assertThat(agentClasses).as("on Lambda the recorder, the export pipeline and the extension are wired by the"
                        + " extension's thread, not the main thread")
                .noneMatch(c -> c.startsWith("dev.fnlens.agent.export.") || c.startsWith("dev.fnlens.agent.runtime.")
                        || c.equals("dev.fnlens.agent.invocation.InvocationRecorder"));
        assertThat(premain).as("no lambdas or method handles spun on the main thread by the premain")
                .noneMatch(c -> c.contains("$$Lambda") || c.contains("LambdaForm$") || c.contains("$Species_"));
        assertThat(agentClasses).as("the agent's classes loaded by the main thread before the function's main")
                .hasSizeLessThanOrEqualTo(MAIN_THREAD_CLASS_BUDGET);
    }

    /** The classes the main thread loaded from the agent's premain class up to the function's main class. */
    private static List<String> loadedByTheMainThreadDuringPremain(List<String> lines) {
        String mainThread = null;
        boolean inPremain = false;
        List<String> loaded = new ArrayList<>();
        for (String line : lines) {
            Matcher m = LOAD.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String thread = m.group(1);
            String name = m.group(2);
            if (mainThread == null) {
                mainThread = thread; // the thread that creates the JVM loads its first class, and runs the premain
            }
            if (!thread.equals(mainThread)) {
                continue;
            }
            if (name.equals("dev.fnlens.agent.AgentPremain")) {
                inPremain = true;
            }
            if (name.equals(EmptyMain.class.getName())) {
                return loaded;
            }
            if (inPremain) {
                loaded.add(name);
            }
        }
        throw new AssertionError("the function's main class was never loaded by the main thread:\n" + lines);
    }
}
