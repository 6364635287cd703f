package dev.fnlens.collector.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fnlens.collector.Collector;
import dev.fnlens.collector.CollectorConfig;
import dev.fnlens.collector.OtlpFixtures;
import dev.fnlens.collector.auth.Scope;
import dev.fnlens.collector.auth.TokenStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS on both ports once a certificate is configured, over real TLS handshakes on loopback. */
class TlsIT {
    @TempDir
    static Path dir;
    static TestCertificates certificates;
    static Collector collector;
    static HttpClient trusting;
    static String ingestToken;
    static String readToken;

    @BeforeAll
    static void start() throws Exception {
        certificates = TestCertificates.create(dir, "collector", "EC");
        TokenStore tokens = TokenStore.open(dir.resolve("data"));
        ingestToken = tokens.create(Scope.INGEST).token();
        readToken = tokens.create(Scope.READ).token();
        collector = Collector.start(CollectorConfig.defaults().withDataDir(dir.resolve("data")).withOtlpPort(0)
                .withHttpPort(0).withTls(TlsConfig.pem(certificates.certPem(), certificates.keyPem())));
        trusting = HttpClient.newBuilder().sslContext(certificates.clientContext())
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    @Test
    void bothPorts_serveHttps_andTheUrlsSaySo() throws Exception {
        assertThat(collector.uiUrl()).startsWith("https://");
        assertThat(collector.otlpUrl()).startsWith("https://");

        HttpResponse<String> ui = send(HttpRequest.newBuilder(URI.create(collector.uiUrl())), null);
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("fnlens");
        assertThat(ui.sslSession()).hasValueSatisfying(s -> assertThat(s.getProtocol()).isIn("TLSv1.3", "TLSv1.2"));
    }

    @Test
    void otlpOverHttps_isStored_andFoundOverHttps() throws Exception {
        String requestId = "tls-" + System.nanoTime();
        HttpResponse<String> ingest = send(HttpRequest.newBuilder(URI.create(collector.otlpUrl() + "/v1/traces"))
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(OtlpFixtures.traces("orders", OtlpFixtures.STREAM,
                        OtlpFixtures.invocation(requestId, System.currentTimeMillis())).toByteArray())), ingestToken);
        assertThat(ingest.statusCode()).isEqualTo(200);

        URI search = URI.create(collector.uiUrl() + "api/search?q=" + requestId);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String body = "";
        while (System.nanoTime() < deadline && !body.contains("REPORT RequestId: " + requestId)) {
            body = send(HttpRequest.newBuilder(search), readToken).body();
            Thread.sleep(100);
        }
        assertThat(body).contains("REPORT RequestId: " + requestId);
    }

    @Test
    void aClientThatDoesNotTrustTheCertificate_cannotTalkToEitherPort() {
        HttpClient defaultTrust = HttpClient.newHttpClient();
        for (String url : new String[] {collector.uiUrl(), collector.otlpUrl() + "/v1/traces"}) {
            assertThatThrownBy(() -> defaultTrust.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        }
    }

    @Test
    void plainHttp_toEitherTlsPort_getsNoAnswerFromTheApplication() throws Exception {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int port : new int[] {collector.httpPort(), collector.otlpPort()}) {
            URI url = URI.create("http://127.0.0.1:" + port + "/api/search");
            try {
                HttpResponse<String> answer = plain.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as("Jetty refuses the plain request on port %d", port).isEqualTo(400);
            } catch (IOException e) {
                // also fine: the TLS connector closed the connection
            }
        }
    }

    @Test
    void theSessionCookie_isSecure_onHttps() throws Exception {
        HttpResponse<String> signIn = send(HttpRequest.newBuilder(URI.create(collector.uiUrl() + "api/session"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + readToken + "\"}")), null);
        assertThat(signIn.statusCode()).isEqualTo(200);
        assertThat(signIn.headers().firstValue("Set-Cookie")).hasValueSatisfying(c ->
                assertThat(c).contains("Secure", "HttpOnly", "SameSite=Strict"));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return trusting.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
