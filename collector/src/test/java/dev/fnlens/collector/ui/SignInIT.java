package dev.fnlens.collector.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.fnlens.collector.Collector;
import dev.fnlens.collector.CollectorConfig;
import dev.fnlens.collector.auth.Scope;
import dev.fnlens.collector.auth.TokenStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Once tokens exist the UI asks for one, signs in with a read token, and refuses an ingest token. */
class SignInIT {
    @TempDir
    static Path data;
    static Collector collector;
    static Chromium browser;
    static String read;
    static String ingest;

    @BeforeAll
    static void start() throws Exception {
        Browsers.assumeChromium();
        TokenStore tokens = TokenStore.open(data);
        read = tokens.create(Scope.READ).token();
        ingest = tokens.create(Scope.INGEST).token();
        collector = Collector.start(CollectorConfig.defaults().withDataDir(data).withOtlpPort(0).withHttpPort(0));
        browser = Chromium.launch();
    }

    @AfterAll
    static void stop() throws Exception {
        Chromium.closeAll(browser, collector);
    }

    @Test
    void theUiAsksForAToken_andAReadTokenSignsIn() {
        try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
            page.navigate(collector.uiUrl() + "#/functions");
            assertThat(page.locator(".signin-form")).isVisible();

            page.locator("#signin-token").fill(ingest);
            page.locator(".signin-form button").click();
            assertThat(page.locator(".signin-error")).containsText("ingest token cannot sign in");

            page.locator("#signin-token").fill(read);
            page.locator(".signin-form button").click();
            assertThat(page.locator(".empty-state h1")).hasText("No functions yet");
            assertThat(page.locator(".signin-form")).hasCount(0);
            org.assertj.core.api.Assertions.assertThat(context.cookies()).anySatisfy(c -> {
                org.assertj.core.api.Assertions.assertThat(c.name).isEqualTo("fnlens_session");
                org.assertj.core.api.Assertions.assertThat(c.httpOnly).isTrue();
            });
        }
    }
}
