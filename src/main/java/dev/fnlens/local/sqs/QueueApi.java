package dev.fnlens.local.sqs;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.Map;
import java.util.function.Function;

/** {@code POST /queues/{name}} enqueues its body as a message; {@code GET /queues/{name}} shows the queue. */
public final class QueueApi {
    private final Function<String, LocalQueue> queues;

    public QueueApi(Function<String, LocalQueue> queues) {
        this.queues = queues;
    }

    public void register(RoutesConfig routes) {
        routes.post("/queues/{name}", this::send);
        routes.get("/queues/{name}", this::show);
    }

    private void send(Context ctx) {
        LocalQueue queue = queues.apply(ctx.pathParam("name"));
        if (queue == null) {
            ctx.status(404).json(Map.of("message", "no queue named " + ctx.pathParam("name")));
            return;
        }
        String id = queue.send(ctx.body(), Map.of());
        ctx.json(Map.of("MessageId", id));
    }

    private void show(Context ctx) {
        LocalQueue queue = queues.apply(ctx.pathParam("name"));
        if (queue == null) {
            ctx.status(404).json(Map.of("message", "no queue named " + ctx.pathParam("name")));
            return;
        }
        ctx.json(Map.of("name", queue.name(), "depth", queue.depth(),
                "deadLetters", queue.deadLetters().stream().map(m -> Map.of("messageId", m.messageId(), "body", m.body(),
                        "receiveCount", m.receiveCount())).toList()));
    }
}
