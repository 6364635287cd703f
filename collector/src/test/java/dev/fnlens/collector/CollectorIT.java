package dev.fnlens.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorIT {
    @TempDir
    Path data;

    @Test
    void start_onPortZero_reportsTheRealPorts_andUrls() throws Exception {
        try (Collector c = Collector.start(config())) {
            assertThat(c.otlpPort()).isPositive();
            assertThat(c.httpPort()).isPositive().isNotEqualTo(c.otlpPort());
            assertThat(c.uiUrl()).isEqualTo("http://127.0.0.1:" + c.httpPort() + "/");
            assertThat(c.otlpUrl()).isEqualTo("http://127.0.0.1:" + c.otlpPort());
        }
    }

    @Test
    void secondCollector_onTheSameDataDirectory_isRefused() throws Exception {
        try (Collector first = Collector.start(config())) {
            assertThatThrownBy(() -> Collector.start(config())).isInstanceOf(IOException.class)
                    .hasMessageContaining("is in use by another collector");
            assertThat(new TestHttp(first.otlpPort(), first.httpPort()).get("/healthz").statusCode()).isEqualTo(200);
        }
        Collector.start(config()).close(); // free again once the first is closed
    }

    private CollectorConfig config() {
        return CollectorConfig.defaults().withDataDir(data).withOtlpPort(0).withHttpPort(0);
    }
}
