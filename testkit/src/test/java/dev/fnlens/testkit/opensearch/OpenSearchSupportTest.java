package dev.fnlens.testkit.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class OpenSearchSupportTest {
    @Test
    void whyNot_isNull_whenTheZipIsThereAndTheUserCanBeHad() {
        assertThat(OpenSearchSupport.whyNot("os.zip", true, true, true, true)).isNull();
        assertThat(OpenSearchSupport.whyNot("os.zip", true, false, false, false)).isNull();
    }

    @Test
    void whyNot_namesWhatIsMissing() {
        assertThat(OpenSearchSupport.whyNot(null, false, false, true, true)).contains("fnlens.opensearch.zip");
        assertThat(OpenSearchSupport.whyNot("os.zip", false, false, true, true))
                .contains("no OpenSearch distribution at os.zip");
        assertThat(OpenSearchSupport.whyNot("os.zip", true, true, false, true)).contains("no runuser");
        assertThat(OpenSearchSupport.whyNot("os.zip", true, true, true, false))
                .contains("no user fnlens-opensearch nor useradd");
    }

    @Test
    void whenOpenSearchCanStart_testsRun() {
        assertThatCode(() -> OpenSearchSupport.check(null, null)).doesNotThrowAnyException();
        assertThatCode(() -> OpenSearchSupport.check(null, "1")).doesNotThrowAnyException();
    }

    @Test
    void whenOpenSearchCannotStart_testsAreSkipped() {
        assertThatThrownBy(() -> OpenSearchSupport.check("no zip", null))
                .isInstanceOf(TestAbortedException.class).hasMessageContaining("no zip");
        assertThatThrownBy(() -> OpenSearchSupport.check("no zip", " ")).isInstanceOf(TestAbortedException.class);
    }

    @Test
    void whenOpenSearchCannotStart_butIsRequired_testsFail() {
        assertThatThrownBy(() -> OpenSearchSupport.check("no zip", "1"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("FNLENS_REQUIRE_OPENSEARCH is set but OpenSearch cannot start here: no zip");
    }
}
