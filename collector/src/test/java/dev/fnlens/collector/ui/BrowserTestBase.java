package dev.fnlens.collector.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.fnlens.collector.Collector;
import dev.fnlens.collector.CollectorConfig;
import dev.fnlens.collector.TestHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** A collector on free ports filled with {@link UiDataSet}, and a headless chromium. */
abstract class BrowserTestBase {
    @TempDir
    static Path data;
    static Collector collector;
    static TestHttp http;
    static Chromium browser;
    /** Texts of dialogs (alert, confirm) any page opened: log content must never open one. */
    static final List<String> dialogs = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startCollectorAndBrowser() throws Exception {
        Browsers.assumeChromium();
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000); // a loaded 2-core machine
        collector = Collector.start(CollectorConfig.defaults().withDataDir(data).withOtlpPort(0).withHttpPort(0));
        http = new TestHttp(collector.otlpPort(), collector.httpPort());
        UiDataSet.post(http, System.currentTimeMillis());
        browser = Chromium.launch();
        awaitSearchable();
    }

    @AfterAll
    static void stopCollectorAndBrowser() throws Exception {
        Chromium.closeAll(browser, collector);
    }

    /** Events are searchable within about a second of their acknowledgement. */
    private static void awaitSearchable() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (http.search("@type:REPORT", 100).get("events").size() == 25) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the data set did not become searchable");
    }

    /** A desktop-sized page (1280x800) that records dialogs. */
    static Page newPage() {
        return newPage(new Browser.NewPageOptions().setViewportSize(1280, 800));
    }

    static Page newPage(Browser.NewPageOptions options) {
        Page page = browser.newPage(options);
        page.onDialog(d -> {
            dialogs.add(d.message());
            d.dismiss();
        });
        page.setDefaultTimeout(15_000);
        return page;
    }

    static String url(String hash) {
        return collector.uiUrl() + hash;
    }

    static void screenshot(Page page, String name) {
        Path path = Browsers.screenshot(name);
        try {
            Files.createDirectories(path.getParent());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(path).setFullPage(false));
    }

    /** The XSS message was shown as text and ran nothing. */
    static void assertNothingRan(Page page) {
        assertThat(dialogs).isEmpty();
        assertThat(page.locator("#view img").count()).isZero();
    }
}
