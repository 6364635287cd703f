package dev.fnlens.demo;

import dev.fnlens.local.FunctionPool;
import dev.fnlens.local.TooManyRequestsException;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Believable traffic for the demo: a steady trickle to every function, bursts that force new environments
 * (cold starts), orders that fail validation, reports large enough to time out, and quiet gaps in which idle
 * environments are reaped.
 */
final class DemoTraffic implements Runnable {
    private final Map<String, FunctionPool> pools;
    private final ExecutorService callers;
    private final Consumer<String> log;
    private long tick;

    DemoTraffic(Map<String, FunctionPool> pools, ExecutorService callers, Consumer<String> log) {
        this.pools = pools;
        this.callers = callers;
        this.log = log;
    }

    @Override
    public void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                step(tick++);
                Thread.sleep(tick % 300 < 240 ? 200 : 2_000); // every minute or so, a quiet spell
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void step(long tick) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        call("hello", "{\"name\":\"" + NAMES[random.nextInt(NAMES.length)] + "\"}");
        if (tick % 2 == 0) {
            int quantity = random.nextInt(10) < 2 ? 0 : 1 + random.nextInt(5); // one order in five is invalid
            call("orders", "{\"orderId\":\"o-" + (1000 + tick) + "\",\"quantity\":" + quantity
                    + ",\"unitPrice\":" + (5 + random.nextInt(40)) + ".99}");
        }
        if (tick % 5 == 0) {
            int rows = random.nextInt(10) == 0 ? 2_500 : 50 + random.nextInt(400); // some reports run too long
            call("report", "{\"rows\":" + rows + "}");
        }
        if (tick % 50 == 25) {
            for (int i = 0; i < 4; i++) { // a burst: more callers than warm environments
                call("hello", "{\"name\":\"burst-" + i + "\"}");
            }
        }
        if (tick % 25 == 0) {
            pools.values().forEach(FunctionPool::reapIdle);
        }
    }

    private void call(String function, String event) {
        callers.submit(() -> {
            try {
                pools.get(function).invoke(event.getBytes(StandardCharsets.UTF_8));
            } catch (TooManyRequestsException e) {
                log.accept(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                log.accept("invoking " + function + " failed: " + e);
            }
        });
    }

    private static final String[] NAMES = {"Ada", "Grace", "Linus", "Barbara", "Ken", "Margaret", "Dennis"};
}
