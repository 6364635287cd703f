package dev.fnlens.collector.alert;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.RequestOptions;
import dev.fnlens.collector.Collector;
import dev.fnlens.collector.ui.Chromium;
import dev.fnlens.collector.CollectorConfig;
import dev.fnlens.collector.auth.Scope;
import dev.fnlens.collector.auth.TokenStore;
import dev.fnlens.collector.ui.Browsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With tokens, the alerts pages follow the session's scope: a read token sees the rules but no way to change
 * them, an admin session changes them (its requests carry the header a cookie-authenticated change needs).
 */
class AlertsAccessIT {
    static Chromium browser;

    @TempDir
    Path data;
    Collector collector;
    String read;
    String admin;

    @BeforeAll
    static void startBrowser() {
        Browsers.assumeChromium();
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        browser = Chromium.launch();
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        Chromium.closeAll(browser);
    }

    @BeforeEach
    void startCollector() throws Exception {
        TokenStore tokens = TokenStore.open(data);
        read = tokens.create(Scope.READ).token();
        admin = tokens.create(Scope.ADMIN).token();
        collector = Collector.start(CollectorConfig.defaults().withDataDir(data).withOtlpPort(0).withHttpPort(0));
    }

    @AfterEach
    void stopCollector() {
        collector.close();
    }

    /** A browser signed in with the token: an HttpOnly session cookie, as the sign-in dialog gets it. */
    private BrowserContext signedIn(String token) {
        BrowserContext context = browser.newContext();
        int status = context.request().post(collector.uiUrl() + "api/session",
                RequestOptions.create().setData(Map.of("token", token))).status();
        assertThat(status).isEqualTo(200);
        return context;
    }

    private int asAdmin(String method, String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(collector.uiUrl() + path.substring(1)))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aReader_seesTheRules_butNoWayToChangeThem() throws Exception {
        try (BrowserContext context = signedIn(read); Page page = context.newPage()) {
            page.navigate(collector.uiUrl() + "#/alerts");
            assertThat(page.locator(".empty-state[data-empty=rules]")).containsText("ask an admin");
            assertThat(page.locator("#templates")).containsText("needs an admin token");
            assertThat(page.locator("form[data-template] button")).hasCount(0);

            assertThat(asAdmin("POST", "/api/alerts/rules", "{\"name\": \"errors\", \"query\": \"filter ispresent(errorType)"
                    + " | stats count() as errors by @log\", \"condition\": \"errors > 0\", \"every\": \"500ms\"}")).isEqualTo(201);
            assertThat(page.locator("tr[data-rule=errors]")).isVisible(); // the list refreshes itself
            assertThat(page.locator("tr[data-rule=errors] .actions")).containsText("View");
            assertThat(page.locator("tr[data-rule=errors] .actions")).not().containsText("Edit");
            assertThat(page.locator("tr[data-rule=errors] .actions button")).hasCount(0); // no Delete
            assertThat(page.getByText("New rule")).hasCount(0);

            page.locator("tr[data-rule=errors] .actions a").first().click();
            assertThat(page.locator(".note")).containsText("Read-only: changing rules needs an admin token");
            assertThat(page.locator("#rule-query")).isDisabled();
            assertThat(page.locator("#rule-save")).hasCount(0);

            page.navigate(collector.uiUrl() + "#/alerts/destinations");
            assertThat(page.locator(".empty-state[data-empty=forbidden]")).containsText("Destinations need an admin token");
        }
    }

    @Test
    void anAdminSession_enablesATemplateInOneClick() throws Exception {
        try (BrowserContext context = signedIn(admin); Page page = context.newPage()) {
            page.navigate(collector.uiUrl() + "#/alerts");
            assertThat(page.locator(".empty-state[data-empty=rules]")).containsText("Enable a built-in template");
            assertThat(page.locator("#templates[open]")).isVisible(); // open while there are no rules

            page.locator("form[data-template=error-rate] button").click();
            assertThat(page.locator("form[data-template=error-rate] .template-result")).containsText("Enabled as error-rate");
            assertThat(page.locator("tr[data-rule='error-rate']")).isVisible();

            // the UI's change carried X-Fnlens-Request; the same cookie without it is refused
            Object refused = page.evaluate("() => fetch('/api/alerts/rules/error-rate', {method: 'DELETE'}).then(r => r.status)");
            assertThat(refused).isEqualTo(403);
        }
        assertThat(asAdmin("GET", "/api/alerts/rules/error-rate", null)).isEqualTo(200);
    }
}
