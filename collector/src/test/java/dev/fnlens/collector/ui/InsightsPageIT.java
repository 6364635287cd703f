package dev.fnlens.collector.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Logs Insights page: keyboard, results, errors at their position, export, saved queries, deep links. */
class InsightsPageIT extends BrowserTestBase {
    private static final String SLOWEST = "filter @type = \"REPORT\" and @duration > 150\n| fields @requestId, @duration\n| sort @duration desc";

    private static void typeQuery(Page page, String query) {
        Locator editor = page.locator("textarea.editor-input");
        editor.focus();
        page.keyboard().press("Control+A");
        page.keyboard().press("Delete");
        page.keyboard().type(query);
        page.keyboard().press("Control+Enter");
    }

    @Test
    void aQueryTypedAndRunWithTheKeyboard_showsItsRows_andTheUrlReproducesTheView() {
        try (Page page = newPage()) {
            page.navigate(url("#/insights?range=1h"));
            typeQuery(page, SLOWEST);

            Locator rows = page.locator(".results-table tbody tr");
            assertThat(rows).hasCount(5);
            assertThat(page.locator(".results-table thead th")).hasText(new String[] {"#", "@requestId", "@duration"});
            assertThat(rows.first().locator("td").nth(1)).hasText("orders-20");
            assertThat(rows.first().locator("td").nth(2)).hasText("200");
            assertThat(rows.last().locator("td").nth(1)).hasText("orders-16");
            assertThat(page.locator("#query-status")).containsText("Complete · 5 rows");
            assertThat(page.locator(".editor-highlight .tok-cmd").allTextContents()).containsExactly("filter", "fields", "sort");
            assertThat(page.locator(".histogram .uplot")).hasCount(1);

            // the URL holds query, range and groups: opening it again shows the same
            String link = page.url();
            assertThat(link).contains("q=filter").contains("range=1h");
            try (Page shared = newPage()) {
                shared.navigate(link);
                assertThat(shared.locator(".results-table tbody tr")).hasCount(5);
                assertThat(shared.locator("textarea.editor-input")).hasValue(SLOWEST);
            }
        }
    }

    @Test
    void anInvalidQuery_showsTheErrorAtItsLineAndColumn() {
        try (Page page = newPage()) {
            page.navigate(url("#/insights?range=1h"));
            typeQuery(page, "stats count(*) as n by");

            assertThat(page.locator(".query-error")).containsText("line 1, column 23");
            Locator mark = page.locator(".editor-highlight mark.err-mark");
            assertThat(mark).hasCount(1);
            // column 23 is just past the end: the marker stands after "by"
            assertThat((Integer) page.evaluate("() => document.querySelector('.editor-highlight').textContent.indexOf('by') + 2"))
                    .isEqualTo(22);
            assertThat((Boolean) page.evaluate("() => { const pre = document.querySelector('.editor-highlight');"
                    + " const m = pre.querySelector('mark'); const r = document.createRange(); r.setStart(pre, 0); r.setEndBefore(m);"
                    + " return r.toString().length === 22; }")).isTrue();

            typeQuery(page, "filter @type = \"REPORT\"\n| fitler x");
            assertThat(page.locator(".query-error")).containsText("line 2, column 3");
            assertThat(page.locator(".editor-highlight mark.err-mark")).hasText("f");
            screenshot(page, "insights-error");
        }
    }

    @Test
    void logGroupPicker_limitsTheQuery_andStatsColumnsFollowTheQuery() {
        try (Page page = newPage()) {
            page.navigate(url("#/insights?range=1h&groups=%2Faws%2Flambda%2Fbilling&q="
                    + java.net.URLEncoder.encode("filter @type = \"REPORT\" | stats count() as n, avg(@duration) by @log",
                    java.nio.charset.StandardCharsets.UTF_8)));
            Locator rows = page.locator(".results-table tbody tr");
            assertThat(rows).hasCount(1);
            assertThat(page.locator(".results-table thead th")).hasText(new String[] {"#", "@log", "n", "avg(@duration)"});
            assertThat(rows.first()).containsText("/aws/lambda/billing");
            assertThat(rows.first().locator("td").nth(2)).hasText("5");
            assertThat(page.locator(".group-picker summary")).hasText("/aws/lambda/billing");

            page.locator(".group-picker summary").click();
            page.locator(".group-picker input[value='/aws/lambda/orders']").check();
            page.locator("button.primary").click();
            assertThat(rows).hasCount(2);
            assertThat(page).hasURL(Pattern.compile("groups=%2Faws%2Flambda%2Fbilling%2C%2Faws%2Flambda%2Forders"));
        }
    }

    @Test
    void results_exportAsCsvAndJson_andMessagesShowAsText() throws IOException {
        try (Page page = newPage()) {
            page.navigate(url("#/insights?range=1h"));
            typeQuery(page, "filter @message like \"onerror\" | fields @requestId, @message");
            assertThat(page.locator(".results-table tbody tr")).hasCount(2);
            assertThat(page.locator(".results-table")).containsText(UiDataSet.XSS);
            assertNothingRan(page);

            Download csv = page.waitForDownload(() -> page.locator("text=Export CSV").click());
            List<String> lines = Files.readAllLines(csv.path());
            assertThat(lines.get(0)).isEqualTo("@requestId,@message");
            assertThat(lines).hasSize(3).anyMatch(l -> l.startsWith("orders-03,") && l.endsWith("INFO\t" + UiDataSet.XSS));
            Download json = page.waitForDownload(() -> page.locator("text=Export JSON").click());
            assertThat(Files.readString(json.path())).contains("\"@requestId\": \"orders-07\"");
        }
    }

    @Test
    void savedQueries_andExamples_areOneClickAway() {
        try (Page page = newPage()) {
            page.navigate(url("#/insights?range=1h"));
            page.locator("select.examples").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("Slowest invocations"));
            assertThat(page.locator("textarea.editor-input")).hasValue(Pattern.compile("sort @duration desc"));

            typeQuery(page, SLOWEST);
            assertThat(page.locator(".results-table tbody tr")).hasCount(5);
            page.locator("text=Save query").click();
            page.locator(".save-form input").fill("slow orders");
            page.locator(".save-form input").press("Enter");
            assertThat(page.locator("select.saved option:checked")).hasText("slow orders");

            page.navigate(url("#/insights?range=1h"));
            page.locator("select.saved").selectOption("slow orders");
            assertThat(page.locator(".results-table tbody tr")).hasCount(5);
            assertThat(page.locator("textarea.editor-input")).hasValue(SLOWEST);
        }
    }

    @Test
    void histogramKeepsTheLeadingFilters_andCsvDisarmsFormulas() {
        try (Page page = newPage()) {
            page.navigate(url("#/insights?range=1h"));
            page.locator("textarea.editor-input").waitFor();

            Object histogram = page.evaluate("async () => (await import('/pages/insights.js'))"
                    + ".histogramQuery('parse @message \"* | *\" as a, b | filter a like /x|y/ | fields a | sort a | stats count() by a', '5m')");
            assertThat(histogram).isEqualTo("parse @message \"* | *\" as a, b\n| filter a like /x|y/\n| stats count() as events by bin(5m)");
            Object csv = page.evaluate("async () => (await import('/pages/insights-results.js')).toCsv("
                    + "{columns: ['@message', 'n'], rows: [{'@message': '=HYPERLINK(\"x\")', n: '-5'}, {'@message': 'a,b'}]})");
            assertThat(csv).isEqualTo("@message,n\r\n\"'=HYPERLINK(\"\"x\"\")\",-5\r\n\"a,b\",\r\n");
        }
    }
}
