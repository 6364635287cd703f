package dev.fnlens.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link CollectorMain} in its own JVM, as the command line runs it; stderr goes to a file. */
public record CollectorProcess(Process process, TestHttp http, Path log) {
    private static final Pattern READY = Pattern.compile(
            "fnlens collector: otlp http://127\\.0\\.0\\.1:(\\d+) ui http://127\\.0\\.0\\.1:(\\d+)/");

    public static CollectorProcess start(Path data, Path log, String... extraArgs)
            throws IOException, InterruptedException {
        return startWithHeap(data, log, "256m", extraArgs);
    }

    /** @param heap the JVM's {@code -Xmx}, e.g. {@code 512m} */
    public static CollectorProcess startWithHeap(Path data, Path log, String heap, String... extraArgs)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
                CollectorMain.class.getName(), "--data", data.toString(), "--otlp-port", "0", "--http-port", "0"));
        command.addAll(List.of(extraArgs));
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        BlockingQueue<String> lines = new ArrayBlockingQueue<>(100);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.offer(line);
                }
            } catch (IOException e) {
                // the process died
            }
        });
        reader.setDaemon(true);
        reader.start();
        String first = lines.poll(60, TimeUnit.SECONDS);
        if (first == null) {
            process.destroyForcibly();
        }
        assertThat(first).as("first stdout line; stderr in " + log).isNotNull();
        Matcher ready = READY.matcher(first);
        assertThat(ready.matches()).as(first).isTrue();
        return new CollectorProcess(process, new TestHttp(Integer.parseInt(ready.group(1)),
                Integer.parseInt(ready.group(2))), log);
    }

    /** SIGKILL: no shutdown hook, no flush, no commit. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    /** SIGTERM: the shutdown hook closes the collector cleanly; a thread dump explains a stop that hangs. */
    public void stop() throws InterruptedException, IOException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            Process dump = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()), "Thread.print").redirectErrorStream(true).start();
            String threads = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.destroyForcibly();
            String log = java.nio.file.Files.readString(this.log);
            throw new AssertionError("the collector did not stop within 30 s; its log ends:\n"
                    + log.substring(Math.max(0, log.length() - 5_000)) + "\nthreads:\n" + threads);
        }
    }
}
