package dev.fnlens.collector.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.fnlens.collector.OtlpFixtures.logRecord;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.fnlens.collector.OtlpFixtures;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Live tail over server-sent events: new events as they arrive, filtered, paused, and fast enough. */
class LiveTailIT extends BrowserTestBase {

    private static void postLines(String function, String... lines) {
        long now = System.currentTimeMillis();
        LogRecord.Builder[] records = new LogRecord.Builder[lines.length];
        for (int i = 0; i < lines.length; i++) {
            records[i] = logRecord("tail-" + i, now + i, "INFO", lines[i]);
        }
        assertThat(http.post("/v1/logs", "application/x-protobuf",
                OtlpFixtures.logs(function, OtlpFixtures.STREAM, records).toByteArray()).statusCode()).isEqualTo(200);
    }

    private static void awaitLive(Page page) {
        assertThat(page.locator(".tail-state")).hasAttribute("data-state", "live");
    }

    @Test
    void anEventIngestedAfterThePageOpened_appears_andLogTextStaysText() {
        try (Page page = newPage()) {
            page.navigate(url("#/tail"));
            awaitLive(page);

            postLines("orders", "tail says hello", UiDataSet.XSS);
            assertThat(page.locator(".tail-row")).hasCount(2);
            assertThat(page.locator(".tail-row .message").first()).containsText(UiDataSet.XSS);
            assertThat(page.locator(".tail-row .message").last()).containsText("tail says hello");
            assertThat(page.locator(".tail-row .tail-fn").first()).hasText("orders");
            assertNothingRan(page);
            screenshot(page, "live-tail");
        }
    }

    @Test
    void aFilter_showsOnlyMatchingEvents_andPauseHoldsThemUntilResumed() {
        try (Page page = newPage()) {
            page.navigate(url("#/tail?q=needle&groups=%2Faws%2Flambda%2Fbilling"));
            awaitLive(page);
            assertThat(page.locator("input.filter")).hasValue("needle");

            postLines("billing", "hay", "a needle here", "more hay");
            postLines("orders", "a needle elsewhere");
            assertThat(page.locator(".tail-row")).hasCount(1);
            assertThat(page.locator(".tail-row .message")).containsText("a needle here");

            page.locator("button", new Page.LocatorOptions().setHasText("Pause")).click();
            postLines("billing", "second needle");
            assertThat(page.locator(".tail-counter")).containsText("1 waiting");
            assertThat(page.locator(".tail-row")).hasCount(1);
            page.locator("button", new Page.LocatorOptions().setHasText("Resume")).click();
            assertThat(page.locator(".tail-row")).hasCount(2);
            assertThat(page.locator(".tail-row .message").first()).containsText("second needle");
        }
    }

    @Test
    void aBadFilter_saysWhy() {
        try (Page page = newPage()) {
            page.navigate(url("#/tail?q=%28unbalanced"));
            assertThat(page.locator(".tail-state")).hasAttribute("data-state", "stopped");
            assertThat(page.locator("[role=alert]")).containsText("Cannot parse");
        }
    }

    @Test
    void keepsUpWithThousandsOfEventsASecond_cappingTheRowsKept() throws InterruptedException {
        try (Page page = newPage()) {
            page.navigate(url("#/tail?q=burst"));
            awaitLive(page);

            // given 5,000 events in 2.5 s (2,000/s), 250 per request
            long t0 = System.nanoTime();
            for (int batch = 0; batch < 20; batch++) {
                String[] lines = new String[250];
                for (int i = 0; i < lines.length; i++) {
                    lines[i] = "burst " + batch + "-" + i;
                }
                postLines("orders", lines);
                long due = t0 + (batch + 1) * Duration.ofMillis(125).toNanos();
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000);
                }
            }
            // then every one arrives, the page keeps the newest 2,000 rows and stays responsive
            assertThat(page.locator(".tail-counter")).hasAttribute("data-received", "5000",
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(20_000));
            assertThat(page.locator(".tail-row")).hasCount(2000);
            assertThat(page.locator(".tail-row .message").first()).hasText(java.util.regex.Pattern.compile("burst 19-\\d+"));
            long t1 = System.nanoTime();
            page.evaluate("() => document.querySelectorAll('.tail-row').length");
            assertThat(Duration.ofNanos(System.nanoTime() - t1)).isLessThan(Duration.ofSeconds(1));
        }
    }
}
