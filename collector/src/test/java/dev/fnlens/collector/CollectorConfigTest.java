package dev.fnlens.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fnlens.collector.storage.opensearch.OpenSearchConfig;
import dev.fnlens.collector.tls.TlsConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorConfigTest {
    @TempDir
    Path tmp;

    @Test
    void defaults_areLoopbackAndTheUsualPorts() {
        assertThat(CollectorConfig.fromArgs(new String[0])).isEqualTo(CollectorConfig.defaults());
        assertThat(CollectorConfig.defaults()).isEqualTo(new CollectorConfig(Path.of("fnlens-data"), "127.0.0.1",
                4318, 8080, 16L * 1024 * 1024, 30, 30));
    }

    @Test
    void flags_setEverySetting_inBothForms() {
        CollectorConfig c = CollectorConfig.fromArgs(new String[] {"--data", "/tmp/x", "--bind=0.0.0.0",
                "--otlp-port", "0", "--http-port=9090", "--max-body-bytes", "1024", "--retention-days", "7",
                "--query-timeout=5"});

        assertThat(c).isEqualTo(new CollectorConfig(Path.of("/tmp/x"), "0.0.0.0", 0, 9090, 1024, 7, 5));
    }

    @Test
    void configFile_isRead_andFlagsWinOverIt() throws Exception {
        Path file = tmp.resolve("fnlens.yaml");
        Files.writeString(file, "data: /srv/fnlens\nhttp-port: 9000\notlp-port: 4000\n");

        CollectorConfig c = CollectorConfig.fromArgs(new String[] {"--http-port", "9100", "--config", file.toString()});

        assertThat(c.dataDir()).isEqualTo(Path.of("/srv/fnlens"));
        assertThat(c.otlpPort()).isEqualTo(4000);
        assertThat(c.httpPort()).isEqualTo(9100);
    }

    @Test
    void storageSection_choosesOpenSearch_withItsSettings() throws Exception {
        Path file = tmp.resolve("fnlens.yaml");
        Files.writeString(file, """
                storage:
                  type: opensearch
                  urls: [http://10.0.0.5:9200/, https://10.0.0.6:9200]
                  username: fnlens
                  password: secret
                  index-prefix: logs
                  shards: 2
                  replicas: 1
                """);

        CollectorConfig c = CollectorConfig.fromArgs(new String[] {"--config", file.toString()});

        assertThat(CollectorConfig.defaults().storage().embedded()).isTrue();
        assertThat(c.storage().embedded()).isFalse();
        assertThat(c.storage().openSearch()).isEqualTo(new OpenSearchConfig(
                List.of(URI.create("http://10.0.0.5:9200"), URI.create("https://10.0.0.6:9200")), "fnlens", "secret",
                "logs", 2, 1));
    }

    @Test
    void badStorageSettings_sayWhatIsWrong() throws Exception {
        Path file = tmp.resolve("fnlens.yaml");
        for (String[] bad : new String[][] {
            {"storage: {type: cassandra}", "storage.type must be embedded or opensearch"},
            {"storage: {type: opensearch}", "storage.urls must name at least one OpenSearch node"},
            {"storage: {type: opensearch, urls: [ftp://x]}", "is not an http(s)://host:port URL"},
            {"storage: {type: opensearch, urls: [http://x:9200], username: u}", "username and password go together"},
            {"storage: {type: opensearch, urls: [http://x:9200], index-prefix: Logs}", "index-prefix must be lower-case"},
            {"storage: {type: opensearch, urls: [http://x:9200], shard: 2}", "unknown setting 'storage.shard'"},
            {"storage: {type: opensearch, urls: [http://x:9200], replicas: many}", "storage.replicas expects a whole number"},
        }) {
            Files.writeString(file, bad[0] + "\n");
            assertThatThrownBy(() -> CollectorConfig.fromArgs(new String[] {"--config", file.toString()}))
                    .as(bad[0]).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad[1])
                    .hasMessageContaining(file.toString());
        }
    }

    @Test
    void unknownFlag_isRejected_withAClearMessage() {
        assertThatThrownBy(() -> CollectorConfig.fromArgs(new String[] {"--port", "1"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown option --port")
                .hasMessageContaining("usage:");
        assertThatThrownBy(() -> CollectorConfig.fromArgs(new String[] {"--verbose"}))
                .hasMessageContaining("unknown option --verbose");
        assertThatThrownBy(() -> CollectorConfig.fromArgs(new String[] {"stray"}))
                .hasMessageContaining("unexpected argument 'stray'");
    }

    @Test
    void badValues_areRejected() throws Exception {
        assertThatThrownBy(() -> CollectorConfig.fromArgs(new String[] {"--otlp-port", "70000"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--otlp-port expects a number");
        assertThatThrownBy(() -> CollectorConfig.fromArgs(new String[] {"--retention-days", "-1"}))
                .hasMessageContaining("--retention-days expects a number from 0");
        assertThatThrownBy(() -> CollectorConfig.fromArgs(new String[] {"--query-timeout", "0"}))
                .hasMessageContaining("--query-timeout expects a number from 1");
        assertThatThrownBy(() -> CollectorConfig.fromArgs(new String[] {"--data"}))
                .hasMessageContaining("missing value for --data");
        Path file = tmp.resolve("bad.yaml");
        Files.writeString(file, "colour: blue\n");
        assertThatThrownBy(() -> CollectorConfig.fromArgs(new String[] {"--config", file.toString()}))
                .hasMessageContaining("unknown option 'colour'");
        assertThatThrownBy(() -> CollectorConfig.fromArgs(new String[] {"--config", tmp.resolve("none.yaml").toString()}))
                .hasMessageContaining("cannot read config file");
    }

    @Test
    void withers_changeOneSetting() {
        CollectorConfig c = CollectorConfig.defaults().withDataDir(Path.of("d")).withBind("::1").withOtlpPort(1)
                .withHttpPort(2).withMaxBodyBytes(3).withRetentionDays(0).withQueryTimeoutSeconds(4);

        assertThat(c).isEqualTo(new CollectorConfig(Path.of("d"), "::1", 1, 2, 3, 0, 4));
    }

    @Test
    void tls_isSetByFlagsAndTheConfigFile_andHalfASettingIsRefused() throws Exception {
        Path file = tmp.resolve("tls.yaml");
        Files.writeString(file, "tls-cert: /etc/fnlens/cert.pem\n");

        CollectorConfig c = CollectorConfig.fromArgs(new String[] {"--config", file.toString(),
                "--tls-key", "/etc/fnlens/key.pem"});

        assertThat(c.tls()).isEqualTo(TlsConfig.pem(Path.of("/etc/fnlens/cert.pem"), Path.of("/etc/fnlens/key.pem")));
        assertThat(c.tls().enabled()).isTrue();
        assertThat(CollectorConfig.defaults().tls().enabled()).isFalse();
        assertThatThrownBy(() -> CollectorConfig.fromArgs(new String[] {"--tls-cert", "c.pem"}))
                .hasMessageContaining("tls-cert is set without tls-key");
        assertThatThrownBy(() -> CollectorConfig.fromArgs(new String[] {"--tls-cert", "c.pem", "--tls-key", "k.pem",
                "--tls-keystore", "s.p12"})).hasMessageContaining("not both");
        assertThat(CollectorConfig.fromArgs(new String[] {"--tls-keystore", "s.p12", "--tls-keystore-password", "pw"})
                .tls().toString()).doesNotContain("pw").contains("***");
    }

    @Test
    void limits_areSetByFlagsAndTheConfigFile() throws Exception {
        Path file = tmp.resolve("limits.yaml");
        java.nio.file.Files.writeString(file, "max-attributes: 64\nmin-free-disk-bytes: 0\n");

        CollectorConfig c = CollectorConfig.fromArgs(new String[] {"--config", file.toString(),
                "--max-items-per-request=500", "--max-event-bytes", "4096", "--max-query-chars", "2000",
                "--max-concurrent-queries", "2"});

        assertThat(c.limits()).isEqualTo(new Limits(new dev.fnlens.collector.ingest.IngestLimits(500, 64, 4096),
                new dev.fnlens.collector.search.QueryLimits(2000, 2), 0));
        assertThatThrownBy(() -> CollectorConfig.fromArgs(new String[] {"--max-event-bytes", "100"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from 1024");
        assertThatThrownBy(() -> CollectorConfig.fromArgs(new String[] {"--max-attributes", "0"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--max-attributes");
    }
}
