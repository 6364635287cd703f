package dev.fnlens.collector.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import dev.fnlens.collector.Collector;
import dev.fnlens.collector.CollectorConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A collector nothing was sent to: the pages tell a new user how to attach the agent. */
class EmptyStateIT {
    @TempDir
    static Path data;
    static Collector collector;
    static Chromium browser;

    @BeforeAll
    static void start() throws Exception {
        Browsers.assumeChromium();
        collector = Collector.start(CollectorConfig.defaults().withDataDir(data).withOtlpPort(0).withHttpPort(0));
        browser = Chromium.launch();
    }

    @AfterAll
    static void stop() throws Exception {
        Chromium.closeAll(browser, collector);
    }

    @Test
    void functionsPage_explainsHowToAttachTheAgent() {
        try (Page page = browser.newPage()) {
            page.navigate(collector.uiUrl());
            assertThat(page).hasURL(collector.uiUrl() + "#/functions");
            assertThat(page.locator(".empty-state h1")).hasText("No functions yet");
            assertThat(page.locator(".empty-state pre.code")).containsText("JAVA_TOOL_OPTIONS=-javaagent:/path/to/fnlens-agent.jar");
            // on Lambda, where only the function's JVM reads the variable, the faster form (docs/agent.md)
            assertThat(page.locator(".empty-state .steps"))
                    .containsText("JAVA_TOOL_OPTIONS=-agentlib:instrument=/opt/fnlens-agent.jar");
            assertThat(page.locator(".empty-state")).containsText("fnlens.jar demo");
        }
    }

    @Test
    void searchPage_explainsHowToAttachTheAgent() {
        try (Page page = browser.newPage()) {
            page.navigate(collector.uiUrl() + "#/search");
            assertThat(page.locator(".empty-state")).containsText("JAVA_TOOL_OPTIONS=-javaagent:");
        }
    }
}
