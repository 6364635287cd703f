package dev.fnlens.ui;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's Chromium driven by Playwright. Where it is not installed the browser tests are skipped, unless
 * {@code FNLENS_REQUIRE_BROWSER} is set (as CI sets it), where they fail.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private final Playwright playwright;
    final Browser browser;

    private HeadlessChromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    static HeadlessChromium launch() {
        boolean present = Files.isExecutable(CHROMIUM);
        if (!present && System.getenv("FNLENS_REQUIRE_BROWSER") != null) {
            throw new IllegalStateException(CHROMIUM + " is missing: apt-get install -y chromium");
        }
        assumeTrue(present, "browser tests skipped: " + CHROMIUM + " is not installed (apt-get install -y chromium)");
        Playwright playwright = Playwright.create();
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--no-first-run", "--disable-sync")));
        return new HeadlessChromium(playwright, browser);
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
