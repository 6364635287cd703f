package dev.fnlens.collector.alert.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DestinationJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode dest(String url, String extra) {
        try {
            return JSON.readTree("{\"name\": \"ops\", \"url\": \"" + url + "\"" + extra + "}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void webhook_withSecretAndTimers() {
        Destination d = DestinationJson.parse(dest("http://127.0.0.1:9000/hook",
                ", \"secret\": \"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\", \"group_wait\": \"1s\""));

        assertThat(d.type()).isEqualTo(Destination.Type.WEBHOOK);
        assertThat(d.timers().groupWait()).isEqualTo(Duration.ofSeconds(1));
        assertThat(d.sendResolved()).isTrue();
        assertThat(DestinationJson.toJson(d, false).has("secret")).isFalse();
        assertThat(DestinationJson.toJson(d, false).get("secret_set").asBoolean()).isTrue();
        assertThat(DestinationJson.parse(DestinationJson.toJson(d, true))).isEqualTo(d);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/x", "http://[fd00:ec2::254]/",
            "http://metadata.google.internal/computeMetadata/v1/", "http://2852039166/",
            "http://[::ffff:169.254.169.254]/", "http://[64:ff9b::a9fe:a9fe]/", "http://10.0.0.5/hook",
            "http://192.168.1.1/", "http://100.100.100.200/", "http://0.0.0.0:9000/"})
    void metadataLinkLocalAndPrivateAddresses_areRefused(String url) {
        assertThatThrownBy(() -> DestinationJson.parse(dest(url, "")))
                .hasMessageStartingWith("url: refused: ")
                .hasMessageContaining("allow_private: true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/", "http://10.0.0.5/hook", "http://[fe80::1]/x"})
    void privateAddresses_areAllowed_onlyWhenSaidExplicitly(String url) {
        assertThat(DestinationJson.parse(dest(url, ", \"allow_private\": true")).allowPrivate()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9000/hook", "http://localhost:9000/", "http://[::1]:9000/",
            "https://hooks.slack.com/services/T0/B0/x", "http://127.5.6.7/"})
    void loopbackAndPublicHosts_areAllowed(String url) {
        assertThat(DestinationJson.parse(dest(url, "")).url().toString()).isEqualTo(url);
    }

    @Test
    void oddlyWrittenHosts_thatJavaCannotName_areRefused() {
        assertThatThrownBy(() -> DestinationJson.parse(dest("http://169.254.43518/", "")))
                .hasMessage("url: the URL has no host: 'http://169.254.43518/'");
    }

    @Test
    void onlyHttpAndHttps() {
        assertThatThrownBy(() -> DestinationJson.parse(dest("file:///etc/passwd", "")))
                .hasMessageStartingWith("url: only http and https URLs");
        assertThatThrownBy(() -> DestinationJson.parse(dest("gopher://127.0.0.1/", "")))
                .hasMessageStartingWith("url: only http and https URLs");
    }

    @Test
    void multicast_isNeverAllowed() throws Exception {
        assertThat(AddressPolicy.refuse(InetAddress.getByName("224.0.0.1"), true)).contains("multicast");
        assertThat(AddressPolicy.refuse(InetAddress.getByName("8.8.8.8"), false)).isNull();
    }

    @Test
    void templates_needABody_thatNamesKnownValues() {
        assertThatThrownBy(() -> DestinationJson.parse(dest("http://127.0.0.1/", ", \"type\": \"template\"")))
                .hasMessage("body: required for type template");
        assertThatThrownBy(() -> DestinationJson.parse(dest("http://127.0.0.1/",
                ", \"type\": \"template\", \"body\": \"{{ nope }}\""))).hasMessageStartingWith("body: '{{ nope }}' is not");
        assertThat(DestinationJson.parse(dest("http://127.0.0.1/",
                ", \"type\": \"template\", \"body\": \"{\\\"msg\\\": \\\"{{ summary }}\\\"}\"")).contentType())
                .isEqualTo("application/json");
    }
}
