package dev.fnlens.bench.ui;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.WaitForSelectorState;
import dev.fnlens.bench.BenchOptions;
import dev.fnlens.bench.Http;
import dev.fnlens.bench.Report;
import dev.fnlens.bench.fnlens.CollectorProcess;
import dev.fnlens.bench.fnlens.FnlensClient;
import dev.fnlens.bench.ingest.PreparedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Functions page (home) over the data the ingest benchmark left: from navigation until every function's row
 * and sparkline are drawn, in headless chromium at 1280x800, over the data set's whole range. The collector
 * computes the aggregations; the browser lays out ten rows.
 *
 * <p>{@code java -cp "bench/target/fnlens-bench.jar:$(cat bench/target/playwright.classpath)"
 * dev.fnlens.bench.BenchMain ui [--runs N] [--warmup N] [--work DIR]}
 */
public final class FunctionsPageBenchmark {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private FunctionsPageBenchmark() {
    }

    public static void run(BenchOptions options) throws Exception {
        PreparedData data = PreparedData.load(options.dataSetDir());
        if (data == null) {
            throw new IOException("no data set in " + options.dataSetDir() + ": run the ingest benchmark first");
        }
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IOException("no browser at " + CHROMIUM + " (apt-get install -y chromium)");
        }
        try (CollectorProcess collector = CollectorProcess.start(new CollectorProcess.Config(options.fnlensJar(),
                options.fnlensDataDir(), options.collectorHeap(), options.collectorJvmArgs(),
                options.work().resolve("fnlens-collector.log")));
             Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                     .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                     .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu")))) {
            FnlensClient client = new FnlensClient(collector.otlp(), collector.http());
            if (client.count() != data.events()) {
                throw new IOException("fnlens holds " + client.count() + " events, the data set " + data.events());
            }
            int functions = functionCount(client);
            String url = collector.http().resolve("/").toString() + "#/functions?from="
                    + Instant.ofEpochMilli(data.fromMillis()) + "&to=" + Instant.ofEpochMilli(data.toMillis() + 1000);
            double[] millis = new double[options.runs()];
            try (Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 800))) {
                for (int i = 0; i < options.warmup() + options.runs(); i++) {
                    page.navigate("about:blank");
                    long t0 = System.nanoTime();
                    page.navigate(url);
                    page.locator("td[data-col=invocations] .spark canvas").nth(functions - 1)
                            .waitFor(new com.microsoft.playwright.Locator.WaitForOptions()
                                    .setState(WaitForSelectorState.ATTACHED).setTimeout(120_000));
                    double ms = (System.nanoTime() - t0) / 1e6;
                    if (page.locator("tbody tr").count() != functions) {
                        throw new IOException("the page shows " + page.locator("tbody tr").count() + " rows, not "
                                + functions);
                    }
                    if (i >= options.warmup()) {
                        millis[i - options.warmup()] = ms;
                    }
                }
            }
            Report.write(options.work().resolve("ui-results.md"), report(data, functions, millis, options));
        }
    }

    static String report(PreparedData data, int functions, double[] millis, BenchOptions options) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, """
                        Functions page over all %,d events (%d h, %d functions), headless chromium 1280x800, from
                        navigation until every row and sparkline is drawn; %d runs after %d warm-up runs.
                        %s

                        | p50 ms | p95 ms | max ms |
                        |---:|---:|---:|
                        | %.0f | %.0f | %.0f |
                        """, data.events(), data.spec().hours(), functions, options.runs(), options.warmup(),
                Report.machine(), percentile(sorted, 50), percentile(sorted, 95), sorted[sorted.length - 1]);
    }

    private static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** The number of log groups the collector lists. */
    private static int functionCount(FnlensClient client) throws IOException {
        return Http.expectJson("GET", client.queryUri().resolve("/api/functions"), null).path("functions").size();
    }
}
