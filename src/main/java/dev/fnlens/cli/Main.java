package dev.fnlens.cli;

import dev.fnlens.collector.CollectorConfig;
import dev.fnlens.collector.CollectorMain;
import dev.fnlens.demo.Demo;
import dev.fnlens.local.LocalOptions;
import dev.fnlens.local.LocalRuntime;
import dev.fnlens.local.RuntimeFiles;
import dev.fnlens.local.RuntimeSettings;
import dev.fnlens.local.template.FunctionEvent;
import dev.fnlens.local.template.SamTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar fnlens.jar <command>}: the fnlens command line. */
public final class Main {
    private static final String USAGE = """
            usage: java -jar fnlens.jar <command> [options]

            commands:
              collector [--data DIR] [--bind ADDR] [--otlp-port 4318] [--http-port 8080] [--config FILE]
                        receive OTLP from agents, store and index it, serve the API and the UI
              local     --template template.yaml [--port 3001] [--collector URL] [--data DIR] [--idle-timeout SECONDS]
                        run the functions of a SAM template like Lambda does, with the fnlens agent attached
              demo      [--data DIR] [--otlp-port 4318] [--http-port 8080] [--local-port 3001]
                        the collector and UI, plus the example functions in the local runtime, with traffic
              query     '<insights query>' [--since 1h] [--url http://127.0.0.1:8080]
                        run a Logs Insights query against a collector and print the result as a table
              token     create --scope ingest|read|admin | list | revoke ID   [--data DIR]
                        manage the collector's access tokens (stored hashed; shown once when created)
            """;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            System.out.print(USAGE);
            return;
        }
        Args rest = new Args(Arrays.copyOfRange(args, 1, args.length));
        try {
            switch (args[0]) {
                case "collector" -> CollectorMain.main(rest.rest());
                case "local" -> local(rest);
                case "demo" -> demo(rest);
                case "query" -> System.exit(QueryCommand.run(rest, System.out, System.err));
                case "token" -> System.exit(TokenCommand.run(rest, System.out, System.err));
                default -> fail("unknown command '" + args[0] + "'");
            }
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
        }
    }

    private static void local(Args args) throws Exception {
        Path template = Path.of(args.take("--template").orElseThrow(() -> new IllegalArgumentException("--template is required")));
        int port = args.takeInt("--port", 3001);
        String collector = args.take("--collector").orElse("http://127.0.0.1:4318");
        Path data = Path.of(args.take("--data").orElse("fnlens-data"));
        Duration idle = Duration.ofSeconds(args.takeInt("--idle-timeout", 300));
        args.requireEmpty();

        SamTemplate parsed = SamTemplate.parse(template);
        RuntimeSettings settings = new RuntimeSettings(RuntimeFiles.locate(data), collector, "us-east-1",
                data.resolve("function-logs"));
        LocalRuntime runtime = LocalRuntime.start(parsed, settings,
                LocalOptions.defaults().withPort(port).withIdleTimeout(idle), System.err::println);
        String base = "http://127.0.0.1:" + runtime.port();
        System.out.println("fnlens local: " + parsed.functions().size() + " functions, telemetry to " + collector);
        parsed.functions().forEach(f -> {
            System.out.println("  " + f.name() + "  POST " + base + "/2015-03-31/functions/" + f.name() + "/invocations");
            f.events().forEach(e -> {
                if (e instanceof FunctionEvent.HttpRoute r) {
                    System.out.println("  " + f.name() + "  " + r.method() + " " + base + r.path());
                }
            });
        });
        parsed.queues().keySet().forEach(q -> System.out.println("  queue " + q + "  POST " + base + "/queues/" + q));
        awaitShutdown(runtime);
    }

    private static void demo(Args args) throws Exception {
        int localPort = args.takeInt("--local-port", 3001);
        Demo demo = Demo.start(CollectorConfig.fromArgs(args.rest()), localPort);
        System.out.println("fnlens demo: the example functions are running under the agent, with traffic.");
        System.out.println("Open " + demo.uiUrl() + "  (Ctrl-C stops everything)");
        awaitShutdown(demo);
    }

    /** Runs until the JVM is asked to stop (Ctrl-C, SIGTERM), then closes what was started. */
    private static void awaitShutdown(AutoCloseable running) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                System.err.println("fnlens: stopping: " + e);
            }
            stopped.countDown();
        }, "fnlens-stop"));
        stopped.await();
    }

    private static void fail(String message) {
        System.err.println("fnlens: " + message);
        System.err.print(USAGE);
        System.exit(2);
    }
}
