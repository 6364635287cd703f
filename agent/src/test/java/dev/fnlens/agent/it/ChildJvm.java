package dev.fnlens.agent.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Starts a function JVM with {@code -javaagent:target/fnlens-agent.jar} (or, {@link #viaAgentlib()}, with
 * {@code -agentlib:instrument=target/fnlens-agent.jar}), the way a user would: the built, shaded jar, a classpath
 * of only the function (test classes) and what it needs, and an environment cleaned of this machine's AWS/OTel/fnlens
 * settings.
 */
final class ChildJvm {
    static final Path AGENT_JAR = Path.of("target", "fnlens-agent.jar").toAbsolutePath();
    static final Path CURRENT_JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    /** The JVMs the agent is tested on: this one (Java 17) and Temurin 25 (a test skips it where it is missing). */
    static Stream<Path> javas() {
        return Stream.of(CURRENT_JAVA, TEMURIN_25);
    }

    private final Path java;
    private String agentArgs;
    private boolean agentlib;
    private Path agentJar = AGENT_JAR;
    private final List<String> jvmArgs = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> classpath = new ArrayList<>();

    private ChildJvm(Path java) {
        this.java = java;
        classpath.add(classpathEntry("test-classes"));
        classpath.add(classpathEntry("aws-lambda-java-core"));
    }

    static ChildJvm with(Path java) {
        return new ChildJvm(java);
    }

    ChildJvm agentArgs(String args) {
        this.agentArgs = args;
        return this;
    }

    /** Attaches the agent as {@code -agentlib:instrument=<jar>[=<args>]}, as docs/agent.md recommends on Lambda. */
    ChildJvm viaAgentlib() {
        this.agentlib = true;
        return this;
    }

    /** Another copy of the agent jar, e.g. renamed (its classes then load from the class path, not the boot one). */
    ChildJvm agentJar(Path jar) {
        this.agentJar = jar;
        return this;
    }

    /** A JVM option before {@code -javaagent}, e.g. {@code -Xlog:class+load}. */
    ChildJvm jvmArg(String arg) {
        jvmArgs.add(arg);
        return this;
    }

    ChildJvm env(String key, String value) {
        env.put(key, value);
        return this;
    }

    /** Leaves the test classes (the usual "function") off the class path, e.g. to load them from a task root. */
    ChildJvm withoutTestClasses() {
        classpath.remove(classpathEntry("test-classes"));
        return this;
    }

    ChildJvm classpath(String entryNameFragment) {
        classpath.add(classpathEntry(entryNameFragment));
        return this;
    }

    /** The first entry of this JVM's class path whose file name contains {@code fragment}. */
    static String classpathEntry(String fragment) {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> Path.of(entry).getFileName().toString().contains(fragment))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + fragment + " on the test class path"));
    }

    Result run(Path workDir, long timeoutSeconds, String mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmArgs);
        command.add((agentlib ? "-agentlib:instrument=" : "-javaagent:") + agentJar
                + (agentArgs != null ? "=" + agentArgs : ""));
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath));
        command.add(mainClass);
        command.addAll(List.of(args));

        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> childEnv = builder.environment();
        childEnv.keySet().removeIf(key -> key.startsWith("AWS_") || key.startsWith("FNLENS_")
                || key.startsWith("OTEL_") || key.startsWith("LAMBDA_") || key.equals("_HANDLER")
                || key.equals("JAVA_TOOL_OPTIONS") || key.equals("JDK_JAVA_OPTIONS"));
        childEnv.putAll(env);
        Path stdout = workDir.resolve("stdout.txt");
        Path stderr = workDir.resolve("stderr.txt");
        builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());

        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("child JVM did not exit within " + timeoutSeconds + " s; stderr:\n"
                    + Files.readString(stderr));
        }
        long wallMillis = (System.nanoTime() - start) / 1_000_000;
        return new Result(process.exitValue(), wallMillis, Files.readString(stdout), Files.readString(stderr),
                workDir);
    }

    record Result(int exitCode, long wallMillis, String stdout, String stderr, Path workDir) {
        /** The properties file the child main wrote, if it names one. */
        Properties properties(String fileName) throws IOException {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(workDir.resolve(fileName))) {
                properties.load(in);
            }
            return properties;
        }

        String describe() {
            return "exit " + exitCode + " after " + wallMillis + " ms\n--- stdout\n" + stdout + "\n--- stderr\n"
                    + stderr.lines().limit(60).collect(Collectors.joining("\n"));
        }
    }
}
