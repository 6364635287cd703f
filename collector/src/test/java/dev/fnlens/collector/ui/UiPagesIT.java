package dev.fnlens.collector.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Functions, Function, Invocation, Search and Alerts pages against {@link UiDataSet}'s known answers. */
class UiPagesIT extends BrowserTestBase {

    private static Locator cell(Page page, String function, String column) {
        return page.locator("tr[data-group='/aws/lambda/" + function + "'] td[data-col='" + column + "']");
    }

    @Test
    void functionsPage_showsEachFunctionsNumbers() {
        try (Page page = newPage()) {
            page.navigate(url("#/functions?range=1h"));
            assertThat(cell(page, "orders", "invocations")).hasText("20");

            assertThat(cell(page, "orders", "errors").textContent()).isEqualTo("4");
            assertThat(cell(page, "orders", "errorRate").textContent()).isEqualTo("20%");
            assertThat(cell(page, "orders", "timeouts").textContent()).isEqualTo("1");
            assertThat(cell(page, "orders", "coldStarts").locator(".value").textContent()).isEqualTo("2");
            assertThat(cell(page, "orders", "coldStarts").locator(".sub").textContent()).isEqualTo("10%");
            assertThat(cell(page, "orders", "avgInit").textContent()).isEqualTo("400 ms");
            assertThat(cell(page, "orders", "p50").textContent()).isEqualTo("100 ms");
            assertThat(cell(page, "orders", "p95").textContent()).isEqualTo("190 ms");
            assertThat(cell(page, "orders", "p99").textContent()).isEqualTo("200 ms");
            assertThat(cell(page, "orders", "memory").textContent()).isEqualTo("150 / 1,024 MB");
            assertThat(cell(page, "orders", "cost").textContent()).isEqualTo("$0.000039");
            assertThat(cell(page, "billing", "invocations").textContent()).isEqualTo("5");
            assertThat(cell(page, "billing", "errors").textContent()).isEqualTo("0");
            assertThat(cell(page, "billing", "p99").textContent()).isEqualTo("50 ms");
            assertThat(cell(page, "billing", "cost").textContent()).isEqualTo("$0.000002");
            assertThat(page.locator(".tile").first()).containsText("25");
            assertThat(page.locator("td[data-col=invocations] .spark canvas")).hasCount(2);

            // sortable, and the sort is part of the URL
            page.locator("th[data-col=p99] button").click();
            assertThat(page.locator("tbody tr").first()).hasAttribute("data-group", "/aws/lambda/orders");
            page.locator("th[data-col=p99] button").click();
            assertThat(page.locator("tbody tr").first()).hasAttribute("data-group", "/aws/lambda/billing");
            assertThat(page).hasURL(Pattern.compile("sort=p99"));

            // a row opens its function
            page.locator("tr[data-group='/aws/lambda/orders'] td[data-col=p50]").click();
            assertThat(page).hasURL(Pattern.compile("#/function/orders\\?range=1h"));
            assertThat(page.locator("h1")).hasText("orders");
        }
    }

    @Test
    void functionPage_showsCharts_cost_rightSizing_errorGroups_andRecentInvocations() {
        try (Page page = newPage()) {
            page.navigate(url("#/function/orders?range=1h"));
            assertThat(page.locator("[data-tile=Invocations] .tile-value")).hasText("20");

            assertThat(page.locator("[data-tile=Errors] .tile-value")).hasText("4");
            assertThat(page.locator("[data-tile=Errors] .tile-sub")).hasText("20% · 1 timeouts");
            assertThat(page.locator("[data-tile='Cold starts'] .tile-value")).hasText("2");
            assertThat(page.locator("[data-tile='Duration p99'] .tile-value")).hasText("200 ms");
            assertThat(page.locator("[data-tile=Cost] .tile-value")).hasText("$0.000039");
            assertThat(page.locator(".note")).containsText("At 256 MB it would save about");
            assertThat(page.locator(".chart-grid .uplot")).hasCount(4);

            Locator groups = page.locator(".error-group");
            assertThat(groups).hasCount(3);
            assertThat(groups.nth(0).locator(".eg-type")).hasText("java.lang.IllegalStateException");
            assertThat(groups.nth(0).locator(".eg-count")).hasText("2×");
            assertThat(groups.nth(0).locator(".eg-frame")).hasText("at dev.shop.Orders.reserve(Orders.java:42)");
            Locator npe = page.locator(".error-group", new Page.LocatorOptions().setHasText("NullPointerException"));
            assertThat(npe.locator(".eg-sample")).hasText(UiDataSet.XSS);
            assertThat(page.locator(".error-group", new Page.LocatorOptions().setHasText("Task timed out"))).hasCount(1);

            Locator recent = page.locator("#recent tbody tr");
            assertThat(recent).hasCount(20);
            assertThat(recent.first()).hasAttribute("data-request-id", "orders-20");
            assertThat(recent.first().locator(".status-timeout")).hasCount(1);
            assertNothingRan(page);

            page.locator("#recent tr[data-request-id=orders-05] td").first().click();
            assertThat(page).hasURL(Pattern.compile("#/invocation/orders-05$"));
        }
    }

    @Test
    void invocationPage_showsLinesInOrder_report_andTheException() {
        try (Page page = newPage()) {
            page.navigate(url("#/invocation/orders-05"));
            Locator lines = page.locator(".lines tbody tr");
            assertThat(lines).hasCount(5);

            List<String> messages = page.locator(".lines pre.message").allTextContents();
            assertThat(messages.get(0)).startsWith("START RequestId: orders-05");
            assertThat(messages.get(1)).endsWith("processing order 5");
            assertThat(messages.get(2)).contains("\tERROR\t{\"errorType\":\"java.lang.IllegalStateException\"");
            assertThat(messages.get(3)).isEqualTo("END RequestId: orders-05");
            assertThat(messages.get(4)).startsWith("REPORT RequestId: orders-05\tDuration: 50.00 ms");
            assertThat(page.locator("[data-tile=Duration] .tile-value")).hasText("50 ms");
            assertThat(page.locator("[data-tile='Memory used'] .tile-value")).hasText("100 MB");
            assertThat(page.locator(".ex-type")).hasText("java.lang.IllegalStateException");
            assertThat(page.locator(".ex-message")).hasText("out of stock");
            assertThat(page.locator("pre.stack")).containsText("at dev.shop.Orders.reserve(Orders.java:42)");
            assertThat(page.locator(".status-error")).hasCount(1);
        }
    }

    @Test
    void invocationPage_showsTheTrigger_andLinksTheInvocationsOfItsTrace() {
        try (Page page = newPage()) {
            page.navigate(url("#/invocation/orders-05"));
            Locator trigger = page.locator("dl.facts[data-trigger='aws:apigateway']");
            assertThat(trigger).containsText("API Gateway");
            assertThat(trigger).containsText("POST /orders");
            assertThat(trigger).containsText("500");
            assertThat(page.locator(".trace-box")).containsText(UiDataSet.SHARED_TRACE);
            Locator caused = page.locator("table.trace tr[data-relation='caused by this']");
            assertThat(caused).hasCount(1);
            assertThat(page.locator("table.trace tbody tr")).hasCount(2);

            caused.locator("a").click();
            assertThat(page).hasURL(Pattern.compile("#/invocation/billing-1$"));
            assertThat(page.locator("dl.facts[data-trigger='aws:sqs']")).containsText("billing-queue");
            assertThat(page.locator("table.trace tr[data-relation='caused this']")).containsText("orders-05");

            page.navigate(url("#/invocation/orders-04"));
            assertThat(page.locator(".trace-box")).containsText("no other invocation");
        }
    }

    @Test
    void logContent_rendersAsText_onEveryPageThatShowsMessages() {
        try (Page page = newPage()) {
            page.navigate(url("#/invocation/orders-03"));
            assertThat(page.locator(".lines pre.message", new Page.LocatorOptions().setHasText(UiDataSet.XSS))).hasCount(1);
            assertNothingRan(page);

            page.navigate(url("#/invocation/orders-07"));
            assertThat(page.locator(".ex-message")).hasText(UiDataSet.XSS);
            assertNothingRan(page);

            page.navigate(url("#/search?q=img&range=1h"));
            assertThat(page.locator("#results tbody tr")).hasCount(2);
            assertThat(page.locator("#results")).containsText(UiDataSet.XSS);
            assertNothingRan(page);
        }
    }

    @Test
    void deepLinks_restoreTheView_andTheNavigationLeadsToAlerts() {
        try (Page page = newPage()) {
            page.navigate(url("#/functions?range=24h&sort=-p99"));
            assertThat(page.locator("tbody tr").first()).hasAttribute("data-group", "/aws/lambda/orders");
            assertThat(page.locator(".range-select")).hasValue("24h");
            assertThat(page.locator("th[data-col=p99]")).hasAttribute("aria-sort", "descending");

            page.navigate(url("#/function/billing?range=3h"));
            assertThat(page.locator("[data-tile=Invocations] .tile-value")).hasText("5");
            assertThat(page.locator(".range-select")).hasValue("3h");
            assertThat(page.locator(".nav-item.active")).hasText("Functions");

            page.locator(".nav-item[data-page=alerts]").click();
            assertThat(page).hasURL(Pattern.compile("#/alerts$"));
            assertThat(page.locator(".nav-item.active")).hasText("Alerts");
            assertThat(page.locator(".empty-state[data-empty=rules]")).containsText("No alert rules yet");
        }
    }

    @Test
    void phoneWidth_andDarkTheme_keepThePagesUsable() {
        try (Page page = newPage(new Browser.NewPageOptions().setViewportSize(390, 844).setColorScheme(ColorScheme.DARK))) {
            page.navigate(url("#/functions?range=1h"));
            assertThat(cell(page, "orders", "invocations")).hasText("20");

            assertThat(page.evaluate("() => document.documentElement.dataset.theme")).isEqualTo("dark");
            assertThat(page.evaluate("() => getComputedStyle(document.body).backgroundColor")).isEqualTo("rgb(15, 17, 23)");
            // nothing wider than the screen but the table, which scrolls in its own box
            assertThat((Integer) page.evaluate("() => document.documentElement.scrollWidth")).isLessThanOrEqualTo(390);

            page.navigate(url("#/function/orders?range=1h"));
            assertThat(page.locator(".chart-grid .uplot")).hasCount(4);
            assertThat((Integer) page.evaluate("() => document.documentElement.scrollWidth")).isLessThanOrEqualTo(390);
        }
    }

    @Test
    void functionWithoutInvocations_explainsHowToAttachTheAgent() {
        try (Page page = newPage()) {
            page.navigate(url("#/function/nothing-here?range=1h"));
            assertThat(page.locator(".empty-state")).containsText("JAVA_TOOL_OPTIONS=-javaagent:");
        }
    }

    @Test
    void keyboard_reachesTheNavigationAndTheTable() {
        try (Page page = newPage()) {
            page.navigate(url("#/functions?range=1h"));
            assertThat(cell(page, "orders", "invocations")).hasText("20");
            page.keyboard().press("Tab"); // skip link
            page.keyboard().press("Tab"); // brand
            page.keyboard().press("Tab");
            assertThat(page.locator(":focus")).hasText("Functions");
            page.locator("a.fn-link", new Page.LocatorOptions().setHasText("billing")).focus();
            page.keyboard().press("Enter");
            assertThat(page).hasURL(Pattern.compile("#/function/billing"));
        }
    }
}
