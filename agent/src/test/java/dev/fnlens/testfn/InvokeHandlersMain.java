package dev.fnlens.testfn;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The "function" the agent ITs run in a separate JVM: plain code calling handlers directly.
 *
 * <p>Args: {@code <result file> <burst size>}. Invokes, in order: greeting (req-1),
 * greeting (req-2), stream (req-3), failing (req-4), greeting without a context, then
 * {@code burst size} more greetings (burst-0..). Writes what it saw as properties
 * (failures, burst timing) so the test checks values, not console output.
 */
public final class InvokeHandlersMain {
    private InvokeHandlersMain() {
    }

    public static void main(String[] args) throws IOException {
        Path resultFile = Path.of(args[0]);
        int burst = Integer.parseInt(args[1]);
        List<String> failures = new ArrayList<>();

        GreetingHandler greeting = new GreetingHandler();
        expect(failures, "req-1", "Hello, world", greeting.handleRequest("world", new TestContext("req-1")));
        expect(failures, "req-2", "Hello, again", greeting.handleRequest("again", new TestContext("req-2")));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new UpperCaseStreamHandler().handleRequest(
                new ByteArrayInputStream("ping".getBytes(StandardCharsets.UTF_8)), out, new TestContext("req-3"));
        expect(failures, "req-3", "PING", out.toString(StandardCharsets.UTF_8));

        try {
            new FailingHandler().handleRequest("x", new TestContext("req-4"));
            failures.add("req-4: no exception");
        } catch (RuntimeException e) {
            if (e != FailingHandler.lastThrown) {
                failures.add("req-4: caught a different exception object: " + e);
            }
            if (!(e instanceof IllegalStateException) || !"boom: x".equals(e.getMessage())) {
                failures.add("req-4: exception changed: " + e);
            }
        }

        expect(failures, "no-context", "Hello, nobody", greeting.handleRequest("nobody", null));

        long burstStart = System.nanoTime();
        for (int i = 0; i < burst; i++) {
            String id = "burst-" + i;
            expect(failures, id, "Hello, " + i, greeting.handleRequest(Integer.toString(i), new TestContext(id)));
        }
        long burstMillis = (System.nanoTime() - burstStart) / 1_000_000;

        Properties result = new Properties();
        result.setProperty("failures", String.join("\n", failures));
        result.setProperty("burstMillis", Long.toString(burstMillis));
        try (OutputStream file = Files.newOutputStream(resultFile)) {
            result.store(file, null);
        }
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    private static void expect(List<String> failures, String id, String expected, String actual) {
        if (!expected.equals(actual)) {
            failures.add(id + ": expected '" + expected + "' but got '" + actual + "'");
        }
    }
}
