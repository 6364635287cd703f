package dev.fnlens.collector.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import dev.fnlens.collector.Collector;
import dev.fnlens.collector.CollectorConfig;
import dev.fnlens.collector.Limits;
import dev.fnlens.collector.TestHttp;
import dev.fnlens.collector.search.QueryLimits;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collector that lets one caller run a single query at a time answers a page's other queries 429: the UI
 * asks again after Retry-After, so every chart still draws.
 */
class QueryCapIT {
    @TempDir
    static Path data;
    static Collector collector;
    static Chromium browser;

    @BeforeAll
    static void start() throws Exception {
        Browsers.assumeChromium();
        CollectorConfig config = CollectorConfig.defaults().withDataDir(data).withOtlpPort(0).withHttpPort(0);
        Limits limits = config.limits();
        collector = Collector.start(config.withLimits(new Limits(limits.ingest(),
                new QueryLimits(limits.query().maxQueryChars(), 1), limits.minFreeDiskBytes())));
        UiDataSet.post(new TestHttp(collector.otlpPort(), collector.httpPort()), System.currentTimeMillis());
        browser = Chromium.launch();
    }

    @AfterAll
    static void stop() throws Exception {
        Chromium.closeAll(browser, collector);
    }

    @Test
    void functionPage_drawsEveryChart_whenTheCollectorAnswersSomeQueries429() {
        try (Page page = browser.newPage()) {
            page.navigate(collector.uiUrl() + "#/function/orders?range=1h");
            assertThat(page.locator("[data-tile=Invocations] .tile-value")).hasText("20");
            assertThat(page.locator(".chart-grid .uplot")).hasCount(4);
            assertThat(page.locator("[role=alert]")).hasCount(0);
        }
    }
}
