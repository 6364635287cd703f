package dev.fnlens.local;

import dev.fnlens.local.http.ApiRoutes;
import dev.fnlens.local.invoke.AsyncInvoker;
import dev.fnlens.local.invoke.InvokeApi;
import dev.fnlens.local.schedule.ScheduleExpression;
import dev.fnlens.local.schedule.Scheduler;
import dev.fnlens.local.sqs.LocalQueue;
import dev.fnlens.local.sqs.QueueApi;
import dev.fnlens.local.sqs.QueuePoller;
import dev.fnlens.local.template.FunctionDefinition;
import dev.fnlens.local.template.FunctionEvent;
import dev.fnlens.local.template.QueueDefinition;
import dev.fnlens.local.template.SamTemplate;
import io.javalin.Javalin;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code fnlens local}: the functions of a SAM template, run the way Lambda runs them, behind the Invoke API,
 * their HTTP routes, their queues and their schedules.
 */
public final class LocalRuntime implements AutoCloseable {
    private final Map<String, FunctionPool> functions = new LinkedHashMap<>();
    private final Map<String, String> namesByLogicalId = new LinkedHashMap<>();
    private final Map<String, LocalQueue> queues = new LinkedHashMap<>();
    private final List<Thread> pollers = new ArrayList<>();
    private final AsyncInvoker async;
    private final Scheduler scheduler;
    private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fnlens-local-reaper");
        t.setDaemon(true);
        return t;
    });
    private final Javalin server;

    private LocalRuntime(SamTemplate template, RuntimeSettings settings, LocalOptions options, Consumer<String> log) {
        async = new AsyncInvoker(options.asyncRetryDelays(), log);
        scheduler = new Scheduler(settings.region());
        for (QueueDefinition queue : template.queues().values()) {
            queues.put(queue.name(), new LocalQueue(queue, Clock.systemUTC()));
        }
        for (FunctionDefinition function : template.functions()) {
            namesByLogicalId.put(function.logicalId(), function.name());
            functions.put(function.name(), new FunctionPool(function.spec(), settings, function.reservedConcurrency(),
                    options.idleTimeout().toMillis()));
        }
        InvokeApi invokeApi = new InvokeApi(this::function, async);
        QueueApi queueApi = new QueueApi(queues::get);
        server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            invokeApi.register(config.routes);
            queueApi.register(config.routes);
            for (FunctionDefinition function : template.functions()) {
                for (FunctionEvent event : function.events()) {
                    if (event instanceof FunctionEvent.HttpRoute route) {
                        ApiRoutes.register(config.routes, route, functions.get(function.name()));
                    }
                }
            }
        });
        for (FunctionDefinition function : template.functions()) {
            FunctionPool pool = functions.get(function.name());
            for (FunctionEvent event : function.events()) {
                if (event instanceof FunctionEvent.Sqs sqs) {
                    LocalQueue queue = queues.computeIfAbsent(sqs.queue(), name -> new LocalQueue(
                            new QueueDefinition(name, name, QueueDefinition.DEFAULT_VISIBILITY_TIMEOUT_SECONDS,
                                    QueueDefinition.DEFAULT_MAX_RECEIVE_COUNT), Clock.systemUTC()));
                    Thread poller = new Thread(new QueuePoller(queue, pool, sqs.batchSize(), settings.region(), log),
                            "fnlens-sqs-" + queue.name());
                    poller.setDaemon(true);
                    pollers.add(poller);
                } else if (event instanceof FunctionEvent.Schedule schedule) {
                    scheduler.add(function.name() + "-" + schedule.name(), ScheduleExpression.parse(schedule.expression()),
                            scheduledEvent -> async.submit(pool, scheduledEvent));
                }
            }
        }
    }

    public static LocalRuntime start(SamTemplate template, RuntimeSettings settings, LocalOptions options,
                                     Consumer<String> log) {
        LocalRuntime runtime = new LocalRuntime(template, settings, options, log);
        runtime.server.start(options.bind(), options.port());
        runtime.pollers.forEach(Thread::start);
        long reapEvery = Math.max(1_000, options.idleTimeout().toMillis() / 4);
        runtime.reaper.scheduleWithFixedDelay(() -> runtime.functions.values().forEach(FunctionPool::reapIdle),
                reapEvery, reapEvery, TimeUnit.MILLISECONDS);
        return runtime;
    }

    public int port() {
        return server.port();
    }

    /** The function with this name (its {@code FunctionName}) or logical id; null if there is none. */
    public FunctionPool function(String name) {
        FunctionPool byName = functions.get(name);
        return byName != null ? byName : functions.get(namesByLogicalId.get(name));
    }

    public LocalQueue queue(String name) {
        return queues.get(name);
    }

    public Map<String, FunctionPool> functions() {
        return functions;
    }

    @Override
    public void close() {
        scheduler.close();
        reaper.shutdownNow();
        pollers.forEach(Thread::interrupt);
        async.close();
        server.stop();
        functions.values().parallelStream().forEach(FunctionPool::close);
    }
}
