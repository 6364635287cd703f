package dev.fnlens.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A small, deterministic set of CloudWatch-style Lambda events: for each invocation START, an app text line or a JSON
 * line, END and REPORT (with Init Duration on cold starts), plus a few timeouts. Two functions over about an hour.
 */
final class LambdaLogs {

    static final long BASE = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();
    static final List<MapEvent> EVENTS = build();

    private LambdaLogs() {
    }

    private static List<MapEvent> build() {
        Random random = new Random(42);
        List<MapEvent> events = new ArrayList<>();
        String[] functions = {"orders", "payments"};
        int[] memoryMb = {512, 128};
        for (int i = 0; i < 60; i++) {
            int f = i % 2;
            String function = functions[f];
            String log = "123456789012:/aws/lambda/" + function;
            String stream = "2024/05/01/[$LATEST]" + String.format("%032x", (long) (f * 10 + i / 20));
            String requestId = String.format("%08x-1111-4222-8333-%012x", i * 7919, i);
            long t = BASE + i * 61_000L + random.nextInt(1000);
            boolean cold = i % 20 < 2;
            double duration = Math.round((5 + random.nextDouble() * 300) * 100) / 100.0;
            long billed = (long) Math.ceil(duration);
            long maxUsedMb = 60 + random.nextInt(memoryMb[f] == 128 ? 60 : 200);
            boolean timeout = i % 17 == 16;

            events.add(event(t, log, stream, "START RequestId: " + requestId + " Version: $LATEST")
                    .with("@type", "START").with("@requestId", requestId));
            String ts = Instant.ofEpochMilli(t + 1).toString();
            if (i % 3 == 0) {
                int status = i % 9 == 0 ? 500 : 200;
                String level = status == 500 ? "ERROR" : "INFO";
                String ip = "10.0." + f + "." + (i % 250);
                String json = String.format(Locale.ROOT,
                        "{\"level\":\"%s\",\"requestId\":\"%s\",\"message\":\"order %d processed\",\"status\":%d,"
                                + "\"latencyMs\":%d,\"order\":{\"id\":\"o-%d\",\"items\":[{\"sku\":\"sku-%d\"}]},"
                                + "\"client\":{\"ip\":\"%s\"}}",
                        level, requestId, i, status, 3 + i * 5 % 97, i, i % 4, ip);
                events.add(event(t + 1, log, stream, json)
                        .with("level", level).with("requestId", requestId).with("message", "order " + i + " processed")
                        .with("status", (long) status).with("latencyMs", (long) (3 + i * 5 % 97))
                        .with("order.id", "o-" + i).with("order.items.0.sku", "sku-" + i % 4).with("client.ip", ip));
            } else {
                String user = "user" + (i % 5);
                events.add(event(t + 1, log, stream, ts + "\t" + requestId + "\tINFO\t[INFO] " + user + " logged in from 192.168.1." + i)
                        .with("@requestId", requestId));
            }
            if (timeout) {
                events.add(event(t + 3000, log, stream, Instant.ofEpochMilli(t + 3000) + " " + requestId
                        + " Task timed out after 3.00 seconds").with("@requestId", requestId));
            }
            long end = t + (long) Math.ceil(duration);
            events.add(event(end, log, stream, "END RequestId: " + requestId).with("@type", "END").with("@requestId", requestId));
            String report = String.format(Locale.ROOT, "REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms"
                    + "\tMemory Size: %d MB\tMax Memory Used: %d MB", requestId, duration, billed, memoryMb[f], maxUsedMb);
            Double init = cold ? Math.round((200 + random.nextDouble() * 400) * 100) / 100.0 : null;
            if (init != null) {
                report += String.format(Locale.ROOT, "\tInit Duration: %.2f ms", init);
            }
            MapEvent r = event(end, log, stream, report).with("@type", "REPORT").with("@requestId", requestId)
                    .with("@duration", duration).with("@billedDuration", (double) billed)
                    .with("@memorySize", memoryMb[f] * 1e6).with("@maxMemoryUsed", maxUsedMb * 1e6)
                    .with("@initDuration", init);
            events.add(r);
        }
        return List.copyOf(events);
    }

    private static MapEvent event(long t, String log, String stream, String message) {
        return MapEvent.of("@timestamp", t, "@ingestionTime", t + 150, "@log", log, "@logStream", stream,
                "@message", message);
    }

    static List<MapEvent> reports() {
        return EVENTS.stream().filter(e -> "REPORT".equals(e.value("@type"))).toList();
    }
}
