package dev.fnlens.collector.ui;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * Debian's chromium and its Playwright driver, for one test class: launched in {@code @BeforeAll}
 * (skipped or failed as {@link Browsers#assumeChromium} says), closed with {@link #closeAll} in {@code @AfterAll}.
 */
public final class Chromium implements AutoCloseable {
    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static Chromium launch() {
        Browsers.assumeChromium();
        Playwright playwright = Browsers.playwright();
        return new Chromium(playwright, Browsers.launch(playwright));
    }

    public Page newPage() {
        return browser.newPage();
    }

    public Page newPage(Browser.NewPageOptions options) {
        return browser.newPage(options);
    }

    public BrowserContext newContext() {
        return browser.newContext();
    }

    public BrowserContext newContext(Browser.NewContextOptions options) {
        return browser.newContext(options);
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }

    /** Closes what was opened, in order; a class whose setup stopped half way leaves nulls. */
    public static void closeAll(AutoCloseable... resources) throws Exception {
        for (AutoCloseable resource : resources) {
            if (resource != null) {
                resource.close();
            }
        }
    }
}
