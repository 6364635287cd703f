package dev.fnlens.cli;

import dev.fnlens.collector.CollectorConfig;
import dev.fnlens.collector.CollectorMain;
import dev.fnlens.demo.Demo;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar fnlens.jar <command>}: the fnlens command line. */
public final class Main {
    private static final String USAGE = """
            usage: java -jar fnlens.jar <command> [options]

            commands:
              collector [--data DIR] [--bind ADDR] [--otlp-port 4318] [--http-port 8080] [--config FILE]
                        receive OTLP from agents, store and index it, serve the API and the UI
              demo      [--data DIR] [--otlp-port 4318] [--http-port 8080]
                        the collector and UI, plus the example functions running under the agent, with traffic
            """;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            System.out.print(USAGE);
            return;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "collector" -> CollectorMain.main(rest);
                case "demo" -> demo(rest);
                default -> fail("unknown command '" + args[0] + "'");
            }
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
        }
    }

    private static void demo(String[] args) throws Exception {
        Demo demo = Demo.start(CollectorConfig.fromArgs(args));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            demo.close();
            stopped.countDown();
        }, "fnlens-demo-stop"));
        System.out.println("fnlens demo: functions hello, orders, report are running under the agent.");
        System.out.println("Open " + demo.uiUrl() + "  (Ctrl-C stops everything)");
        stopped.await();
    }

    private static void fail(String message) {
        System.err.println("fnlens: " + message);
        System.err.print(USAGE);
        System.exit(2);
    }
}
