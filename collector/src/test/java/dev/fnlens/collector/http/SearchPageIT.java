package dev.fnlens.collector.http;

import static dev.fnlens.collector.OtlpFixtures.attr;
import static dev.fnlens.collector.OtlpFixtures.invocation;
import static dev.fnlens.collector.OtlpFixtures.logRecord;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ColorScheme;
import dev.fnlens.collector.Collector;
import dev.fnlens.collector.ui.Chromium;
import dev.fnlens.collector.CollectorConfig;
import dev.fnlens.collector.OtlpFixtures;
import dev.fnlens.collector.TestHttp;
import dev.fnlens.collector.ui.Browsers;
import dev.fnlens.semconv.FnlensAttributes;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search page in a real browser (Debian's chromium, driven by Playwright); see {@link Browsers} for when it skips. */
class SearchPageIT {
    private static final String SEARCH = "#/search";
    private static final String XSS = "<img src=x onerror=\"window.__pwned=1\"><b>not bold</b>";

    @TempDir
    static Path data;
    static Collector collector;
    static Chromium browser;

    @BeforeAll
    static void start() throws Exception {
        Browsers.assumeChromium();
        collector = Collector.start(CollectorConfig.defaults().withDataDir(data).withOtlpPort(0).withHttpPort(0));
        TestHttp http = new TestHttp(collector.otlpPort(), collector.httpPort());
        long now = System.currentTimeMillis();
        Span.Builder cold = invocation("cold-1", now - 5000)
                .addAttributes(attr(FnlensAttributes.FAAS_COLDSTART, true))
                .addAttributes(attr(FnlensAttributes.INIT_DURATION_MS, 320.11));
        Span.Builder failed = invocation("failed-1", now - 3000)
                .addAttributes(attr(FnlensAttributes.STATUS, FnlensAttributes.STATUS_ERROR))
                .addEvents(Span.Event.newBuilder().setName("exception")
                        .addAttributes(attr("exception.type", "java.lang.IllegalStateException"))
                        .addAttributes(attr("exception.message", "out of stock")));
        post(http, "/v1/traces", OtlpFixtures.traces("orders", OtlpFixtures.STREAM, cold, failed).toByteArray());
        post(http, "/v1/traces", OtlpFixtures.traces("billing", "billing-stream", invocation("bill-1", now - 2000)).toByteArray());
        post(http, "/v1/logs", OtlpFixtures.logs("orders", OtlpFixtures.STREAM,
                logRecord("cold-1", now - 4900, "INFO", XSS)).toByteArray());
        Thread.sleep(1000); // searchable within a second

        browser = Chromium.launch();
    }

    @AfterAll
    static void stop() throws Exception {
        Chromium.closeAll(browser, collector);
    }

    @Test
    void searchPage_listsEvents_withReportChips_andLogTextOnlyAsText() {
        try (Page page = browser.newPage()) {
            page.navigate(collector.uiUrl() + SEARCH);
            Locator rows = page.locator("#results tbody tr");
            rows.first().waitFor();

            assertThat(rows.count()).isEqualTo(11);
            assertThat(page.locator("#status").textContent()).contains("11 matching events");
            Locator coldReport = page.locator("tr", new Page.LocatorOptions().setHasText("REPORT RequestId: cold-1"));
            assertThat(coldReport.locator(".chip").allTextContents())
                    .containsExactly("Duration 102.25 ms", "Billed 103 ms", "Memory 90 / 512 MB", "Init 320.11 ms");
            assertThat(page.locator("tr.is-error").textContent()).contains("IllegalStateException");
            // log content is shown, never interpreted
            assertThat(page.locator("#results").textContent()).contains(XSS);
            assertThat(page.locator("#results img, #results .message *").count()).isZero();
            assertThat(page.evaluate("() => window.__pwned === undefined")).isEqualTo(true);
            assertThat(page.locator("#logGroup option").allTextContents())
                    .anyMatch(o -> o.startsWith("/aws/lambda/billing")).anyMatch(o -> o.startsWith("/aws/lambda/orders"));
            page.screenshot(new Page.ScreenshotOptions().setPath(Browsers.screenshot("search")).setFullPage(true));
        }
    }

    @Test
    void searching_updatesTheUrl_andADeepLinkRestoresTheSearch() {
        try (Page page = browser.newPage()) {
            page.navigate(collector.uiUrl() + SEARCH);
            page.locator("#results tbody tr").first().waitFor();

            page.fill("#q", "@type:REPORT");
            page.selectOption("#logGroup", "/aws/lambda/orders");
            page.waitForURL(url -> url.contains("logGroup=%2Faws%2Flambda%2Forders") || url.contains("logGroup=/aws/lambda/orders"));
            page.waitForFunction("() => document.querySelectorAll('#results tbody tr').length === 2");
            assertThat(page.url()).contains("q=%40type%3AREPORT");

            page.navigate(collector.uiUrl() + SEARCH + "?q=failed-1&range=15m");
            page.waitForFunction("() => document.querySelectorAll('#results tbody tr').length === 4");
            assertThat(page.inputValue("#q")).isEqualTo("failed-1");
            assertThat(page.inputValue(".range-select")).isEqualTo("15m");

            // links of the first UI (/?q=...) still open the search
            page.navigate(collector.uiUrl() + "?q=cold-1&range=15m");
            page.waitForFunction("() => document.querySelectorAll('#results tbody tr').length === 4");
            assertThat(page.url()).endsWith("#/search?q=cold-1&range=15m");
        }
    }

    @Test
    void badQuery_showsTheParsersMessage() {
        try (Page page = browser.newPage()) {
            page.navigate(collector.uiUrl() + "?q=%28unbalanced");
            page.locator("#error").waitFor();

            assertThat(page.locator("#error").textContent()).startsWith("Cannot parse '(unbalanced'");
        }
    }

    @Test
    void darkMode_followsTheSystemSetting() {
        try (Page page = browser.newPage(new Browser.NewPageOptions().setColorScheme(ColorScheme.DARK))) {
            page.navigate(collector.uiUrl() + SEARCH);
            page.locator("#results tbody tr").first().waitFor();

            assertThat(page.evaluate("() => getComputedStyle(document.body).backgroundColor")).isEqualTo("rgb(15, 17, 23)");
            page.screenshot(new Page.ScreenshotOptions().setPath(Browsers.screenshot("search-dark")).setFullPage(true));
        }
    }

    private static void post(TestHttp http, String path, byte[] body) {
        assertThat(http.post(path, "application/x-protobuf", body).statusCode()).isEqualTo(200);
    }
}
