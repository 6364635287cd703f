package dev.fnlens.collector.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.fnlens.collector.OtlpFixtures.attr;
import static dev.fnlens.collector.OtlpFixtures.invocation;
import static dev.fnlens.collector.OtlpFixtures.logRecord;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.ColorScheme;
import com.sun.net.httpserver.HttpServer;
import dev.fnlens.collector.Collector;
import dev.fnlens.collector.CollectorConfig;
import dev.fnlens.collector.OtlpFixtures;
import dev.fnlens.collector.TestHttp;
import dev.fnlens.semconv.FnlensAttributes;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every page with three hours of realistic traffic from four functions (seeded, about 2,000
 * invocations): renders without an error, draws its charts, and leaves a screenshot at
 * 1280x800 for docs/ui.md ({@code -Dfnlens.screenshots=../docs/screenshots} refreshes them).
 */
class UiScreenshotsIT {
    @TempDir
    static Path data;
    static Collector collector;
    static Chromium browser;

    /** name, memory MB, typical duration ms, typical memory used MB, error share, cold start share. */
    private record Fn(String name, int memoryMb, double durationMs, int usedMb, double errors, double cold) {
    }

    private static final List<Fn> FUNCTIONS = List.of(
            new Fn("orders", 1024, 120, 180, 0.03, 0.01),
            new Fn("billing", 512, 310, 230, 0.005, 0.01),
            new Fn("thumbnails", 2048, 900, 1650, 0.01, 0.02),
            new Fn("email-sender", 256, 45, 110, 0.0, 0.08));

    @BeforeAll
    static void start() throws Exception {
        Browsers.assumeChromium();
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
        collector = Collector.start(CollectorConfig.defaults().withDataDir(data).withOtlpPort(0).withHttpPort(0));
        TestHttp http = new TestHttp(collector.otlpPort(), collector.httpPort());
        long now = System.currentTimeMillis();
        Random random = new Random(42);
        int total = 0;
        List<Span.Builder> billingCausedByOrders = new ArrayList<>();
        for (Fn fn : FUNCTIONS) {
            String stream = stream(fn.name());
            List<Span.Builder> spans = new ArrayList<>();
            List<LogRecord.Builder> logs = new ArrayList<>();
            for (long t = now - 3 * 3_600_000L; t < now - 60_000; t += 8_000 + random.nextInt(16_000)) {
                // busier in the last hour, slower around 90 minutes ago
                double load = t > now - 3_600_000L ? 1.6 : 1.0;
                double slow = Math.abs(t - (now - 5_400_000L)) < 900_000 ? 2.5 : 1.0;
                if (random.nextDouble() > 0.75 * load) {
                    continue;
                }
                String id = String.format("%08x-%04x-4%03x-a%03x-%012x", random.nextInt(), random.nextInt(0x10000),
                        random.nextInt(0x1000), random.nextInt(0x1000), random.nextLong() & 0xffffffffffffL);
                double duration = Math.round(fn.durationMs() * slow * Math.exp(random.nextGaussian() * 0.35) * 100) / 100.0;
                Span.Builder span = invocation(id, t).setName(fn.name())
                        .setEndTimeUnixNano((t + (long) duration) * 1_000_000)
                        .addAttributes(attr(FnlensAttributes.DURATION_MS, duration))
                        .addAttributes(attr(FnlensAttributes.BILLED_DURATION_MS, (long) Math.ceil(duration)))
                        .addAttributes(attr(FnlensAttributes.MEMORY_SIZE_MB, fn.memoryMb()))
                        .addAttributes(attr(FnlensAttributes.MAX_MEMORY_USED_MB, fn.usedMb() - random.nextInt(fn.usedMb() / 5)));
                if (random.nextDouble() < fn.cold()) {
                    span.addAttributes(attr(FnlensAttributes.FAAS_COLDSTART, true))
                            .addAttributes(attr(FnlensAttributes.INIT_DURATION_MS, 380 + random.nextInt(420) + random.nextInt(99) / 100.0));
                }
                double r = random.nextDouble();
                if (r < fn.errors() * 0.7) {
                    error(span, "java.lang.IllegalStateException", "inventory service answered 503",
                            "dev.shop." + cap(fn.name()) + ".reserve(" + cap(fn.name()) + ".java:42)");
                } else if (r < fn.errors() * 0.9) {
                    error(span, "java.lang.NullPointerException", "Cannot invoke \"String.length()\" because \"sku\" is null",
                            "dev.shop." + cap(fn.name()) + ".price(" + cap(fn.name()) + ".java:88)");
                } else if (r < fn.errors()) {
                    span.addAttributes(attr(FnlensAttributes.STATUS, FnlensAttributes.STATUS_TIMEOUT))
                            .addAttributes(attr(FnlensAttributes.TIMEOUT_SECONDS, 3.0));
                }
                trigger(fn.name(), span, r < fn.errors() ? 500 : 200, 1 + random.nextInt(10));
                if (fn.name().equals("orders") && (r < fn.errors() || random.nextDouble() < 0.5)) { // queues its billing
                    String billingId = UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8)).toString();
                    Span.Builder billing = invocation(billingId, t + 25).setName("billing").setTraceId(span.getTraceId())
                            .setEndTimeUnixNano((t + 25 + 290) * 1_000_000)
                            .addAttributes(attr(FnlensAttributes.DURATION_MS, 290.0))
                            .addAttributes(attr(FnlensAttributes.BILLED_DURATION_MS, 290))
                            .addAttributes(attr(FnlensAttributes.MEMORY_SIZE_MB, 512))
                            .addAttributes(attr(FnlensAttributes.MAX_MEMORY_USED_MB, 210));
                    trigger("billing", billing, 200, 1);
                    billingCausedByOrders.add(billing);
                }
                spans.add(span);
                logs.add(logRecord(id, t + 2, "INFO", "{\"message\":\"handling request\",\"path\":\"/" + fn.name() + "\",\"items\":"
                        + (1 + random.nextInt(5)) + "}"));
                if (random.nextDouble() < 0.1) {
                    logs.add(logRecord(id, t + 5, "WARN", "retrying downstream call, attempt 2"));
                }
            }
            total += spans.size();
            for (int i = 0; i < spans.size(); i += 200) {
                post(http, "/v1/traces", OtlpFixtures.traces(fn.name(), stream,
                        spans.subList(i, Math.min(spans.size(), i + 200)).toArray(Span.Builder[]::new)).toByteArray());
            }
            for (int i = 0; i < logs.size(); i += 400) {
                post(http, "/v1/logs", OtlpFixtures.logs(fn.name(), stream,
                        logs.subList(i, Math.min(logs.size(), i + 400)).toArray(LogRecord.Builder[]::new)).toByteArray());
            }
        }
        post(http, "/v1/traces", OtlpFixtures.traces("billing", stream("billing"),
                billingCausedByOrders.toArray(Span.Builder[]::new)).toByteArray());
        assertThat(total).isGreaterThan(1500);
        Thread.sleep(1500); // searchable within about a second
        browser = Chromium.launch();
    }

    private static String stream(String function) {
        return "2026/01/02/[$LATEST]" + Integer.toHexString(function.hashCode()) + "0123456789abcdef01234567";
    }

    /** What invokes each function: an HTTP API, a queue, a bucket, a topic. */
    private static void trigger(String function, Span.Builder span, int httpStatus, int batch) {
        switch (function) {
            case "orders" -> span.addAttributes(attr(FnlensAttributes.FAAS_TRIGGER, "http"))
                    .addAttributes(attr(FnlensAttributes.TRIGGER_SOURCE, "aws:apigateway"))
                    .addAttributes(attr(FnlensAttributes.HTTP_REQUEST_METHOD, "POST"))
                    .addAttributes(attr(FnlensAttributes.HTTP_ROUTE, "/orders"))
                    .addAttributes(attr(FnlensAttributes.HTTP_RESPONSE_STATUS_CODE, (long) httpStatus));
            case "billing" -> span.addAttributes(attr(FnlensAttributes.FAAS_TRIGGER, "pubsub"))
                    .addAttributes(attr(FnlensAttributes.TRIGGER_SOURCE, "aws:sqs"))
                    .addAttributes(attr(FnlensAttributes.TRIGGER_RESOURCE, "billing-queue"))
                    .addAttributes(attr(FnlensAttributes.TRIGGER_BATCH_SIZE, (long) batch));
            case "thumbnails" -> span.addAttributes(attr(FnlensAttributes.FAAS_TRIGGER, "datasource"))
                    .addAttributes(attr(FnlensAttributes.TRIGGER_SOURCE, "aws:s3"))
                    .addAttributes(attr(FnlensAttributes.TRIGGER_RESOURCE, "product-images"))
                    .addAttributes(attr(FnlensAttributes.TRIGGER_BATCH_SIZE, 1L));
            default -> span.addAttributes(attr(FnlensAttributes.FAAS_TRIGGER, "pubsub"))
                    .addAttributes(attr(FnlensAttributes.TRIGGER_SOURCE, "aws:sns"))
                    .addAttributes(attr(FnlensAttributes.TRIGGER_RESOURCE, "order-events"));
        }
    }

    private static String cap(String name) {
        String first = name.split("-")[0];
        return Character.toUpperCase(first.charAt(0)) + first.substring(1);
    }

    private static void error(Span.Builder span, String type, String message, String frame) {
        span.addAttributes(attr(FnlensAttributes.STATUS, FnlensAttributes.STATUS_ERROR))
                .addEvents(Span.Event.newBuilder().setName(FnlensAttributes.EXCEPTION_EVENT)
                        .addAttributes(attr(FnlensAttributes.EXCEPTION_TYPE, type))
                        .addAttributes(attr(FnlensAttributes.EXCEPTION_MESSAGE, message))
                        .addAttributes(attr(FnlensAttributes.EXCEPTION_STACKTRACE,
                                type + ": " + message + "\n\tat " + frame + "\n\tat dev.shop.Handler.handleRequest(Handler.java:17)")));
    }

    private static void post(TestHttp http, String path, byte[] body) {
        assertThat(http.post(path, "application/x-protobuf", body).statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() throws Exception {
        Chromium.closeAll(browser, collector);
    }

    private static Page page(ColorScheme scheme) {
        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 800).setColorScheme(scheme));
        page.setDefaultTimeout(20_000);
        return page;
    }

    private static void shoot(Page page, String name) throws Exception {
        assertThat(page.locator("#view .error")).hasCount(0);
        Path path = Browsers.screenshot(name);
        Files.createDirectories(path.getParent());
        page.waitForTimeout(300); // let the charts settle
        page.screenshot(new Page.ScreenshotOptions().setPath(path));
    }

    @Test
    void everyPage_rendersRealisticTraffic() throws Exception {
        try (Page page = page(ColorScheme.LIGHT)) {
            page.navigate(collector.uiUrl() + "#/functions?range=3h");
            assertThat(page.locator("tbody tr")).hasCount(4);
            assertThat(page.locator(".spark canvas")).hasCount(4);
            shoot(page, "functions");

            page.navigate(collector.uiUrl() + "#/function/orders?range=3h");
            assertThat(page.locator(".chart-grid .uplot")).hasCount(4);
            assertThat(page.locator("#recent tbody tr").first()).isVisible();
            shoot(page, "function");
            page.locator("#error-groups").scrollIntoViewIfNeeded();
            shoot(page, "function-errors");

            page.locator("#error-groups a", new Page.LocatorOptions().setHasText("sample invocation")).first().click();
            assertThat(page.locator(".ex-type")).isVisible();
            assertThat(page.locator("table.trace tr[data-relation='caused by this']")).hasCount(1);
            shoot(page, "invocation");

            page.navigate(collector.uiUrl() + "#/insights?range=3h&q=" + URLEncoder.encode(
                    "filter @type = \"REPORT\"\n| stats count() as invocations, pct(@duration, 95) as p95,"
                            + " max(@maxMemoryUsed / 1000 / 1000) as maxMemoryMB by @log\n| sort p95 desc",
                    StandardCharsets.UTF_8));
            assertThat(page.locator(".results-table tbody tr")).hasCount(4);
            assertThat(page.locator(".histogram .uplot")).isVisible();
            shoot(page, "insights");

            page.navigate(collector.uiUrl() + "#/insights?range=3h&groups=%2Faws%2Flambda%2Fthumbnails&q=" + URLEncoder.encode(
                    "filter @type = \"REPORT\"\n| stats pct(@duration, 50) as p50, pct(@duration, 99) as p99 by bin(10m)",
                    StandardCharsets.UTF_8));
            assertThat(page.locator(".visualization .uplot")).isVisible();
            page.locator(".visualization").scrollIntoViewIfNeeded();
            shoot(page, "insights-chart");

        }
        try (Page page = page(ColorScheme.DARK)) {
            page.navigate(collector.uiUrl() + "#/function/thumbnails?range=3h");
            assertThat(page.locator(".chart-grid .uplot")).hasCount(4);
            shoot(page, "function-dark");
        }
        try (Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(390, 844))) {
            page.navigate(collector.uiUrl() + "#/functions?range=3h");
            assertThat(page.locator("tbody tr")).hasCount(4);
            page.screenshot(new Page.ScreenshotOptions().setPath(Browsers.screenshot("functions-phone")));
            page.navigate(collector.uiUrl() + "#/insights?range=3h&q=" + URLEncoder.encode(
                    "filter @type = \"REPORT\" | stats count() as n, pct(@duration, 99) as p99 by @log", StandardCharsets.UTF_8));
            assertThat(page.locator(".results-table tbody tr")).hasCount(4);
            assertThat((Integer) page.evaluate("() => document.documentElement.scrollWidth")).isLessThanOrEqualTo(390);
            page.screenshot(new Page.ScreenshotOptions().setPath(Browsers.screenshot("insights-phone")));
            page.navigate(collector.uiUrl() + "#/tail");
            assertThat(page.locator(".tail-state")).hasAttribute("data-state", "live");
            assertThat((Integer) page.evaluate("() => document.documentElement.scrollWidth")).isLessThanOrEqualTo(390);
            page.screenshot(new Page.ScreenshotOptions().setPath(Browsers.screenshot("tail-phone")));
        }
    }
    /**
     * The alerts pages over the same traffic: rules from the built-in templates (some firing), a receiver that
     * answers and one that is down, so the firing, history and delivery log pages have something to show.
     */
    @Test
    void alertsPages_renderRulesFiringHistoryAndDestinations() throws Exception {
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        int down;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            down = s.getLocalPort(); // nothing listens here once closed: the pager is down
        }
        try {
            TestHttp http = new TestHttp(collector.otlpPort(), collector.httpPort());
            api(http, "/api/alerts/destinations", "{\"name\": \"ops\", \"url\": \"http://127.0.0.1:"
                    + receiver.getAddress().getPort() + "/hook\", \"secret\": \"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\","
                    + " \"group_wait\": \"0s\"}");
            api(http, "/api/alerts/destinations", "{\"name\": \"pager\", \"type\": \"slack\", \"url\": \"http://127.0.0.1:"
                    + down + "/pager\", \"group_wait\": \"0s\"}");
            String common = "\"every\": \"1s\", \"labels\": {\"team\": \"shop\"}";
            api(http, "/api/alerts/templates/error-rate", "{\"params\": {\"threshold\": 1.5, \"window\": \"3h\"}, "
                    + common + ", \"severity\": \"critical\", \"destinations\": [\"ops\", \"pager\"]}");
            api(http, "/api/alerts/templates/p99-duration", "{\"params\": {\"threshold\": 2500, \"window\": \"3h\"}, "
                    + common + ", \"destinations\": [\"ops\"]}");
            api(http, "/api/alerts/templates/cold-starts", "{\"params\": {\"threshold\": 5, \"window\": \"3h\"}, "
                    + common + ", \"for\": \"1h\"}");
            api(http, "/api/alerts/templates/memory", "{\"params\": {\"window\": \"3h\"}, " + common + "}");
            api(http, "/api/alerts/destinations/ops/test", "{}");
            Thread.sleep(5000); // a few evaluations for the sparklines, notifications for the log

            try (Page page = page(ColorScheme.LIGHT)) {
                page.navigate(collector.uiUrl() + "#/alerts");
                assertThat(page.locator("tr[data-rule='error-rate']")).hasAttribute("data-state", "FIRING");
                assertThat(page.locator("tr[data-rule='memory']")).hasAttribute("data-state", "OK");
                assertThat(page.locator("tr[data-rule='error-rate'] .spark canvas")).hasCount(1);
                shoot(page, "alerts");

                page.navigate(collector.uiUrl() + "#/alerts/edit/error-rate");
                assertThat(page.locator(".preview-table tr[data-breaching=true]").first()).isVisible();
                shoot(page, "alerts-editor");

                page.navigate(collector.uiUrl() + "#/alerts/firing");
                assertThat(page.locator("tr[data-alert='error-rate']").first()).isVisible();
                shoot(page, "alerts-firing");

                page.navigate(collector.uiUrl() + "#/alerts/history");
                assertThat(page.locator(".history-table tr[data-to=FIRING]").first()).isVisible();
                shoot(page, "alerts-history");

                page.navigate(collector.uiUrl() + "#/alerts/destinations");
                assertThat(page.locator("section[data-destination=ops] tr[data-outcome=delivered]").first()).isVisible();
                assertThat(page.locator("section[data-destination=pager] tr[data-outcome=retry]").first()).isVisible();
                shoot(page, "alerts-destinations");
            }
            try (Page page = page(ColorScheme.DARK)) {
                page.navigate(collector.uiUrl() + "#/alerts");
                assertThat(page.locator("tr[data-rule='error-rate'] .spark canvas")).hasCount(1);
                shoot(page, "alerts-dark");
            }
            try (Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(390, 844))) {
                page.navigate(collector.uiUrl() + "#/alerts");
                assertThat(page.locator("tr[data-rule='error-rate']")).isVisible();
                assertThat((Integer) page.evaluate("() => document.documentElement.scrollWidth")).isLessThanOrEqualTo(390);
                page.screenshot(new Page.ScreenshotOptions().setPath(Browsers.screenshot("alerts-phone")));
                page.navigate(collector.uiUrl() + "#/alerts/edit/error-rate");
                assertThat(page.locator(".preview-result")).isVisible();
                assertThat((Integer) page.evaluate("() => document.documentElement.scrollWidth")).isLessThanOrEqualTo(390);
                page.screenshot(new Page.ScreenshotOptions().setPath(Browsers.screenshot("alerts-editor-phone")));
            }
        } finally {
            receiver.stop(0);
        }
    }

    private static void api(TestHttp http, String path, String json) {
        int status = http.postApi(path, json).statusCode();
        assertThat(status).as(path).isBetween(200, 201);
    }
}
