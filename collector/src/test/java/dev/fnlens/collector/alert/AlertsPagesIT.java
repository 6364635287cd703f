package dev.fnlens.collector.alert;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.fnlens.collector.Collector;
import dev.fnlens.collector.ui.Chromium;
import dev.fnlens.collector.CollectorConfig;
import dev.fnlens.collector.TestHttp;
import dev.fnlens.collector.alert.outbox.DeliveryOptions;
import dev.fnlens.collector.ui.Browsers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerts pages in headless chromium against a real collector: {@code orders} has 4 failed and 3 good
 * invocations in the last minutes, {@code billing} 5 good ones (ingested as the agent sends them, OTLP).
 */
class AlertsPagesIT {
    static final String XSS = "<img src=x onerror=alert(1)>";
    static final String ERRORS = "filter ispresent(errorType) | stats count() as errors by @log";

    @TempDir
    static Path data;
    static Collector collector;
    static AdminApi api;
    static Chromium browser;
    static final List<String> dialogs = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Browsers.assumeChromium();
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000); // a loaded 2-core machine
        DeliveryOptions fast = new DeliveryOptions(Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofSeconds(2),
                Duration.ofHours(1));
        collector = Collector.start(CollectorConfig.defaults().withDataDir(data).withOtlpPort(0).withHttpPort(0)
                .withAlerts(AlertsConfig.none().withDelivery(fast)));
        api = new AdminApi(collector.httpPort());
        TestHttp http = new TestHttp(collector.otlpPort(), collector.httpPort());
        new LambdaTraffic(http, "orders").send(3, 4);
        new LambdaTraffic(http, "billing").send(5, 0);
        for (int i = 0; i < 100 && http.search("@type:REPORT", 100).get("events").size() < 12; i++) {
            Thread.sleep(100);
        }
        browser = Chromium.launch();
    }

    @AfterAll
    static void stop() throws Exception {
        Chromium.closeAll(browser, collector);
    }

    static Page page() {
        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 900));
        page.onDialog(d -> {
            dialogs.add(d.message());
            d.dismiss();
        });
        page.setDefaultTimeout(20_000);
        return page;
    }

    static void rule(String name, String condition, String extra) {
        api.create("/api/alerts/rules", "{\"name\": \"" + name + "\", \"query\": \"" + ERRORS + "\", \"condition\": \""
                + condition + "\", \"every\": \"300ms\"" + extra + "}");
    }

    @Test
    void editor_createsARuleWithTheKeyboard_andThePreviewShowsTheBreachingRow() {
        try (Page page = page()) {
            page.navigate(collector.uiUrl() + "#/alerts/new");
            assertThat(page.locator("#rule-name")).isFocused();
            page.keyboard().type("orders-errors-ui");
            page.keyboard().press("Tab"); // severity
            page.keyboard().press("Tab"); // the query
            assertThat(page.locator("#rule-query")).isFocused();
            page.keyboard().press("Control+A");
            page.keyboard().type("filter ispresent(errorType)\n| stats count() as errors by @log");
            page.keyboard().press("Tab");
            assertThat(page.locator("#rule-condition")).isFocused();
            page.keyboard().press("Control+A");
            page.keyboard().type("errors > 2");
            page.locator("#rule-preview").click();

            Locator breaching = page.locator(".preview-table tr[data-breaching=true]");
            assertThat(breaching).hasCount(1);
            assertThat(breaching).containsText("/aws/lambda/orders");
            assertThat(breaching).containsText("4");
            assertThat(page.locator(".preview-summary")).containsText("1 breaching");
            assertThat(page.locator(".pv-row.breaching .pv-value")).hasText("4");
            assertThat(page.locator(".pv-threshold").first()).isVisible();

            page.locator("#rule-condition").press("Enter"); // submits the form
            assertThat(page).hasURL(java.util.regex.Pattern.compile(".*#/alerts$"));
            Locator row = page.locator("tr[data-rule='orders-errors-ui']");
            assertThat(row).isVisible();
            assertThat(row).containsText("errors > 2");
        }
        assertThat(api.get("/api/alerts/rules/orders-errors-ui").json().get("query").asText())
                .isEqualTo("filter ispresent(errorType)\n| stats count() as errors by @log");
    }

    @Test
    void invalidQueryOrCondition_showTheirErrorsAtTheField() {
        try (Page page = page()) {
            page.navigate(collector.uiUrl() + "#/alerts/new");
            page.locator("#rule-name").fill("broken");
            page.locator("#rule-query").fill("filter @type = \"REPORT\"\n| stats count() as n by");
            page.locator("#rule-condition").fill("n > 1");
            page.locator("#rule-save").click();

            assertThat(page.locator("#rule-query-error")).isVisible();
            assertThat(page.locator("#rule-query-error")).containsText("line 2, column");
            assertThat(page.locator("#rule-query")).hasAttribute("aria-invalid", "true");
            assertThat(page.locator(".field[data-field=query] mark.err-mark")).isVisible();
            assertThat(page).hasURL(java.util.regex.Pattern.compile(".*#/alerts/new$"));

            page.locator("#rule-query").fill("filter @type = \"REPORT\" | stats count() as n");
            page.locator("#rule-condition").fill("errors > 1");
            page.locator("#rule-save").click();
            assertThat(page.locator("#rule-condition-error")).containsText("'errors' is not a column of the query");
            assertThat(page.locator("#rule-query-error")).isHidden();
        }
        assertThat(api.get("/api/alerts/rules/broken").status()).isEqualTo(404);
    }

    @Test
    void aRuleThatFires_showsFiringInTheList_theFiringView_andTheHistory() {
        rule("orders-failing", "errors > 0", ", \"labels\": {\"team\": \"payments\"}, \"severity\": \"critical\","
                + " \"annotations\": {\"summary\": \"{{ errors }} errors in {{ @log }}\"}");
        try (Page page = page()) {
            page.navigate(collector.uiUrl() + "#/alerts");
            Locator row = page.locator("tr[data-rule='orders-failing']");
            assertThat(row).hasAttribute("data-state", "FIRING"); // the list refreshes itself
            assertThat(row.locator(".alert-group[data-state=FIRING]")).containsText("/aws/lambda/orders");
            assertThat(row.locator(".spark canvas")).hasCount(1); // drawn once two values are known

            page.locator("a[data-tab=firing]").click();
            Locator alert = page.locator("tr[data-alert='orders-failing']");
            assertThat(alert).isVisible();
            assertThat(alert).containsText("critical");
            assertThat(alert).containsText("team=payments");
            assertThat(alert).containsText("4 errors in /aws/lambda/orders");
            assertThat(alert.locator("time")).isVisible();

            page.navigate(collector.uiUrl() + "#/alerts/history?rule=orders-failing");
            assertThat(page.locator("#history-rule")).hasValue("orders-failing");
            Locator fired = page.locator("tr[data-rule='orders-failing'][data-to=FIRING]");
            assertThat(fired).hasCount(1);
            assertThat(fired).containsText("/aws/lambda/orders");
            assertThat(page.locator(".history-table tbody tr:not([data-rule='orders-failing'])")).hasCount(0);
        }
    }

    @Test
    void labelsAndAnnotationsWithMarkup_showAsText() {
        rule("markup", "errors > 0", ", \"labels\": {\"note\": \"" + XSS + "\"}, \"annotations\": {\"summary\": \""
                + XSS + " {{ errors }}\"}");
        try (Page page = page()) {
            page.navigate(collector.uiUrl() + "#/alerts/firing");
            Locator alert = page.locator("tr[data-alert='markup']");
            assertThat(alert.locator(".labels")).containsText("note=" + XSS);
            assertThat(alert.locator(".annotations")).containsText(XSS + " 4");

            page.navigate(collector.uiUrl() + "#/alerts/edit/markup");
            assertThat(page.locator(".pairs-box[data-kind=label] .pair-value")).hasValue(XSS);
            page.navigate(collector.uiUrl() + "#/alerts");
            assertThat(page.locator("tr[data-rule='markup']")).hasAttribute("data-state", "FIRING");

            assertThat(dialogs).isEmpty();
            assertThat(page.locator("#view img").count()).isZero();
        }
    }

    @Test
    void sendTestNotification_reachesTheReceiver_andTheDeliveryLogShowsIt() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start(); Page page = page()) {
            api.create("/api/alerts/destinations", "{\"name\": \"ops-ui\", \"url\": \"" + receiver.url() + "\"}");
            page.navigate(collector.uiUrl() + "#/alerts/destinations");
            Locator card = page.locator("section[data-destination='ops-ui']");
            assertThat(card).containsText(receiver.url());
            assertThat(card.locator(".delivery-log")).containsText("No deliveries yet");

            card.getByText("Send test notification").click();
            assertThat(card.locator(".test-result")).containsText("delivered");
            assertThat(receiver.await(1, r -> r.json().path("alerts").path(0).path("labels").path("alertname")
                    .asText().equals("fnlens-test"), Duration.ofSeconds(10))).hasSize(1);
            Locator sent = card.locator("tr[data-rule='fnlens-test'][data-outcome=delivered]");
            assertThat(sent).hasCount(1);
            assertThat(sent).containsText("200");

            receiver.answer(503);
            card.getByText("Send test notification").click();
            assertThat(card.locator(".test-result")).containsText("HTTP 503");
            Locator failed = card.locator("tr[data-outcome=failed]");
            assertThat(failed).hasCount(1);
            assertThat(failed).containsText("503");
            assertThat(card.locator("tbody tr").first()).hasAttribute("data-outcome", "failed"); // newest first

            page.navigate(collector.uiUrl() + "#/alerts/destinations/ops-ui"); // a deep link to one destination
            assertThat(page.locator("section[data-destination]")).hasCount(1);
        }
    }

    @Test
    void aTemplate_isEnabledInOneClick() {
        try (Page page = page()) {
            page.navigate(collector.uiUrl() + "#/alerts");
            assertThat(page.locator("#templates")).isVisible();
            if (page.locator("#templates[open]").count() == 0) { // open when there are no rules yet
                page.locator("#templates > summary").click();
            }
            Locator form = page.locator("form[data-template=timeouts]");
            form.getByText("Enable").click();
            assertThat(form.locator(".template-result")).containsText("Enabled as timeouts");
            assertThat(page.locator("tr[data-rule='timeouts']")).isVisible();
        }
        assertThat(api.get("/api/alerts/rules/timeouts").json().get("condition").asText()).isEqualTo("timeouts > 0");
    }
}
