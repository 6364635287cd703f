package dev.fnlens.demo;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Believable traffic for the demo, sent the way real callers send it — over HTTP to the local runtime's API
 * routes, its Invoke API and its queues: a steady trickle, bursts that force new environments (cold starts),
 * orders that fail validation, reports large enough to time out, memory-hungry jobs, and quiet spells in which
 * idle environments are reaped.
 */
final class DemoTraffic implements Runnable {
    private static final String[] NAMES = {"Ada", "Grace", "Linus", "Barbara", "Ken", "Margaret", "Dennis"};

    private final String baseUrl;
    private final ExecutorService callers;
    private final Consumer<String> log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    DemoTraffic(String baseUrl, ExecutorService callers, Consumer<String> log) {
        this.baseUrl = baseUrl;
        this.callers = callers;
        this.log = log;
    }

    @Override
    public void run() {
        try {
            for (long tick = 0; !Thread.currentThread().isInterrupted(); tick++) {
                step(tick);
                boolean quietSpell = tick % 900 >= 700; // about 40 s of every 3 minutes
                Thread.sleep(quietSpell ? 2_000 : 200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void step(long tick) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String name = NAMES[random.nextInt(NAMES.length)];
        send(get(tick % 3 == 0 ? "/hello/" + name : "/hello?name=" + name));
        if (tick % 2 == 0) {
            int quantity = random.nextInt(10) < 2 ? 0 : 1 + random.nextInt(5); // one order in five is invalid
            String order = "{\"orderId\":\"o-" + (1000 + tick) + "\",\"quantity\":" + quantity
                    + ",\"unitPrice\":" + (5 + random.nextInt(40)) + ".99}";
            send(invoke("checkout", "RequestResponse", order));
            send(post("/queues/orders", order));
        }
        if (tick % 5 == 0) {
            int rows = random.nextInt(10) == 0 ? 2_500 : 50 + random.nextInt(400); // some reports run past the timeout
            send(invoke("report", random.nextBoolean() ? "Event" : "RequestResponse", "{\"rows\":" + rows + "}"));
        }
        if (tick % 15 == 0) {
            send(HttpRequest.newBuilder(URI.create(baseUrl + "/thumbnails"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(image(200 + random.nextInt(1200), 200 + random.nextInt(900)))));
        }
        if (tick % 20 == 0) {
            int megabytes = random.nextInt(8) == 0 ? 600 : 40 + random.nextInt(200); // a few ask for more than fits
            send(invoke("memory-hog", "RequestResponse", "{\"megabytes\":" + megabytes + "}"));
        }
        if (tick % 50 == 25) {
            for (int i = 0; i < 4; i++) { // a burst: more callers than warm environments
                send(get("/hello?name=burst-" + i));
            }
        }
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
    }

    private HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpRequest.Builder invoke(String function, String invocationType, String payload) {
        return post("/2015-03-31/functions/" + function + "/invocations", payload)
                .header("X-Amz-Invocation-Type", invocationType);
    }

    private void send(HttpRequest.Builder request) {
        callers.submit(() -> {
            try {
                http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                log.accept("demo traffic: " + e.getMessage());
            }
        });
    }

    /** A photo-sized PNG to upload: a gradient, so that resizing has something to do. */
    private static byte[] image(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        for (int x = 0; x < width; x += 8) {
            g.setColor(new Color(x * 255 / width, 120, 255 - x * 255 / width));
            g.fillRect(x, 0, 8, height);
        }
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return png.toByteArray();
    }
}
