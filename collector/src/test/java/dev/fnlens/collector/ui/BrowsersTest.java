package dev.fnlens.collector.ui;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class BrowsersTest {
    @Test
    void withChromium_browserTestsRun() {
        assertThatCode(() -> Browsers.check(true, null)).doesNotThrowAnyException();
        assertThatCode(() -> Browsers.check(true, "1")).doesNotThrowAnyException();
    }

    @Test
    void withoutChromium_browserTestsAreSkipped() {
        assertThatThrownBy(() -> Browsers.check(false, null)).isInstanceOf(TestAbortedException.class);
        assertThatThrownBy(() -> Browsers.check(false, " ")).isInstanceOf(TestAbortedException.class);
    }

    @Test
    void withoutChromium_butRequired_browserTestsFail() {
        assertThatThrownBy(() -> Browsers.check(false, "1"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("FNLENS_REQUIRE_BROWSER is set but there is no browser at /usr/bin/chromium");
    }
}
