package dev.fnlens.collector.ui;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's chromium driven by Playwright, for the UI's browser tests. Without
 * {@code /usr/bin/chromium} a test is skipped, unless {@code FNLENS_REQUIRE_BROWSER} is set
 * (CI sets it): then it fails, so a missing browser can never pass for a green build.
 */
public final class Browsers {
    public static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static final String REQUIRE = "FNLENS_REQUIRE_BROWSER";

    private Browsers() {
    }

    /** Skips (or, with FNLENS_REQUIRE_BROWSER set, fails) the calling test class without chromium. */
    public static void assumeChromium() {
        check(Files.isExecutable(CHROMIUM), System.getenv(REQUIRE));
    }

    static void check(boolean chromiumPresent, String required) {
        if (chromiumPresent) {
            return;
        }
        if (required != null && !required.isBlank()) {
            throw new AssertionError(REQUIRE + " is set but there is no browser at " + CHROMIUM
                    + " (apt-get install -y chromium)");
        }
        Assumptions.abort("no chromium at " + CHROMIUM + "; browser tests skipped");
    }

    public static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    public static Browser launch(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--no-first-run", "--disable-sync")));
    }

    /**
     * Where screenshots go: {@code target/screenshots}, or the directory named by the system
     * property {@code fnlens.screenshots} ({@code -Dfnlens.screenshots=../docs/screenshots}
     * refreshes the documentation's pictures).
     */
    public static Path screenshot(String name) {
        return Paths.get(System.getProperty("fnlens.screenshots", "target/screenshots")).resolve(name + ".png");
    }
}
