package dev.fnlens.collector.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fnlens.collector.CollectorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertsConfigTest {
    @TempDir
    Path dir;

    private CollectorConfig load(String yaml) throws Exception {
        Path file = dir.resolve("fnlens.yaml");
        Files.writeString(file, yaml);
        return CollectorConfig.fromArgs(new String[] {"--config", file.toString()});
    }

    @Test
    void issueExample_loads() throws Exception {
        CollectorConfig c = load("""
                http-port: 9090
                alerts:
                  external_url: https://fnlens.example.com
                  delivery: {max_age: 2h}
                  destinations:
                    - name: ops
                      type: webhook            # webhook | slack | template
                      url: http://127.0.0.1:9000/hook
                      secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
                  rules:
                    - name: hello-errors
                      query: 'filter @message like /ERROR/ | stats count(*) as errors by @log'
                      condition: errors > 5    # <field> <op> <number>, op one of > >= < <= = !=
                      every: 10s               # evaluation interval
                      window: 1m               # time range each evaluation queries
                      for: 0s
                      keep_firing_for: 0s
                      no_data: missing         # missing | breaching | not_breaching | ignore
                      severity: warning
                      labels: {team: payments}
                      annotations: {summary: 'Errors in {{ @log }}: {{ errors }}'}
                      destinations: [ops]
                """);

        assertThat(c.httpPort()).isEqualTo(9090);
        assertThat(c.alerts().rules()).singleElement().satisfies(r -> assertThat(r.name()).isEqualTo("hello-errors"));
        assertThat(c.alerts().destinations()).singleElement().satisfies(d -> assertThat(d.secret()).startsWith("whsec_"));
        assertThat(c.alerts().externalUrl()).isEqualTo("https://fnlens.example.com/");
        assertThat(c.alerts().delivery().maxAge()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void errors_sayWhichItemAndKey() {
        assertThatThrownBy(() -> load("""
                alerts:
                  rules:
                    - {name: a, query: 'stats count() as n', condition: n > 1}
                    - {name: b, query: 'stats count() as n by', condition: n > 1}
                """)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("fnlens.yaml: alerts.rules[1] (b): query: line 1, column 22: expected a field name after 'by'");
        assertThatThrownBy(() -> load("""
                alerts:
                  rules:
                    - {name: a, query: 'stats count() as n', condition: n > 1, destinations: [pager]}
                """)).hasMessageEndingWith("alerts.rules[0] (a): destinations: no destination is named 'pager';"
                + " define it under alerts.destinations");
        assertThatThrownBy(() -> load("""
                alerts:
                  destinations:
                    - {name: meta, url: 'http://169.254.169.254/'}
                """)).hasMessageContaining("alerts.destinations[0] (meta): url: refused: 169.254.169.254 is a link-local");
        assertThatThrownBy(() -> load("alerts: {rulez: []}\n")).hasMessageContaining("alerts: rulez: unknown key");
        assertThatThrownBy(() -> load("""
                alerts:
                  rules:
                    - {name: a, query: 'stats count() as n', condition: n > 1}
                    - {name: a, query: 'stats count() as n', condition: n > 2}
                """)).hasMessageEndingWith("alerts.rules[1] (a): name: another rule is named 'a'");
    }
}
