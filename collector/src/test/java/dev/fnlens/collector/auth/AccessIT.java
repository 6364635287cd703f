package dev.fnlens.collector.auth;

import dev.fnlens.collector.Collector;
import dev.fnlens.collector.CollectorConfig;
import dev.fnlens.collector.FirehoseFixtures;
import dev.fnlens.collector.OtlpFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Least privilege over real HTTP: each token does what its scope allows and nothing more. */
class AccessIT {
    @TempDir
    static Path data;
    static Collector collector;
    static String ingest;
    static String read;
    static String admin;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        TokenStore tokens = TokenStore.open(data);
        ingest = tokens.create(Scope.INGEST).token();
        read = tokens.create(Scope.READ).token();
        admin = tokens.create(Scope.ADMIN).token();
        collector = Collector.start(CollectorConfig.defaults().withDataDir(data).withOtlpPort(0).withHttpPort(0));
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    @Test
    void withoutAToken_dataIsClosed_butHealthAndTheUiShellAreNot() throws Exception {
        HttpResponse<String> query = send(api("/api/search"), null);
        assertThat(query.statusCode()).isEqualTo(401);
        assertThat(query.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"fnlens\"");
        assertThat(query.body()).isEqualTo("{\"error\":\"unauthorized\",\"message\":\"a valid token is required\"}");
        assertThat(send(traces(), null).statusCode()).isEqualTo(401);
        assertThat(send(api("/api/search"), "fnl_read_not-a-real-token").statusCode()).isEqualTo(401);
        assertThat(send(api("/healthz"), null).statusCode()).isEqualTo(200);
        assertThat(send(api("/"), null).statusCode()).isEqualTo(200);
    }

    @Test
    void anIngestToken_canSendData_butCannotRead() throws Exception {
        assertThat(send(traces(), ingest).statusCode()).isEqualTo(200);
        assertThat(send(api("/api/search"), ingest).statusCode()).isEqualTo(403);
        assertThat(send(api("/metrics"), ingest).statusCode()).isEqualTo(403);
    }

    @Test
    void aReadToken_canQuery_butCannotIngestOrChangeAlertRules() throws Exception {
        assertThat(send(api("/api/search"), read).statusCode()).isEqualTo(200);
        assertThat(send(api("/api/alerts/rules"), read).statusCode()).isEqualTo(200);
        assertThat(send(traces(), read).statusCode()).isEqualTo(403);
        assertThat(send(rule(), read).statusCode()).isEqualTo(403);
    }

    @Test
    void anAdminToken_canChangeAlertRules_andRead() throws Exception {
        assertThat(send(rule(), admin).statusCode()).isBetween(200, 299);
        assertThat(send(api("/api/search"), admin).statusCode()).isEqualTo(200);
    }

    @Test
    void firehose_takesAnIngestTokenAsItsAccessKey() throws Exception {
        HttpRequest.Builder firehose = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + collector.otlpPort()
                        + "/cloudwatch/firehose"))
                .header("Content-Type", "application/json")
                .header("X-Amz-Firehose-Request-Id", "req-1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(FirehoseFixtures.request("req-1", System.currentTimeMillis(),
                        FirehoseFixtures.record(FirehoseFixtures.controlMessage(System.currentTimeMillis())))));
        assertThat(http.send(firehose.copy().header("X-Amz-Firehose-Access-Key", ingest).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = http.send(firehose.copy().header("X-Amz-Firehose-Access-Key", read).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("\"requestId\":\"req-1\"", "errorMessage");
    }

    @Test
    void theUi_signsInWithAReadToken_intoAnHttpOnlyStrictCookie_andChangesNeedTheRequestHeader() throws Exception {
        HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/session"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + read + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly", "SameSite=Strict");
        String session = cookie.substring(0, cookie.indexOf(';'));

        assertThat(http.send(HttpRequest.newBuilder(URI.create(base() + "/api/search")).header("Cookie", session).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        HttpRequest.Builder query = HttpRequest.newBuilder(URI.create(base() + "/api/query")).header("Cookie", session)
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"stats count(*)\",\"startTime\":0,\"endTime\":"
                        + (System.currentTimeMillis() / 1000 + 60) + "}"));
        assertThat(http.send(query.copy().build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("a cross-site form could send this").isEqualTo(403);
        assertThat(http.send(query.copy().header("X-Fnlens-Request", "1").build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);

        HttpResponse<String> ingestSignIn = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/session"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + ingest + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ingestSignIn.statusCode()).isEqualTo(403);
    }

    @Test
    void aRevokedToken_stopsWorkingAtOnce() throws Exception {
        TokenStore tokens = TokenStore.open(data);
        TokenStore.Created temporary = tokens.create(Scope.READ);
        assertThat(send(api("/api/search"), temporary.token()).statusCode()).isEqualTo(200);

        tokens.revoke(temporary.entry().id());

        assertThat(send(api("/api/search"), temporary.token()).statusCode()).isEqualTo(401);
    }

    @Test
    void bindingBeyondLoopback_withoutTokens_isRefusedWithHowToCreateOne(@TempDir Path empty) {
        assertThatThrownBy(() -> Collector.start(CollectorConfig.defaults().withDataDir(empty).withBind("0.0.0.0")
                .withOtlpPort(0).withHttpPort(0)))
                .hasMessageContaining("refusing to listen on 0.0.0.0 without access tokens")
                .hasMessageContaining("token create --scope ingest");
    }

    private static HttpRequest.Builder api(String path) {
        return HttpRequest.newBuilder(URI.create(base() + path)).GET();
    }

    private static HttpRequest.Builder traces() {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + collector.otlpPort() + "/v1/traces"))
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(OtlpFixtures.traces("orders", OtlpFixtures.STREAM,
                        OtlpFixtures.invocation("req-" + System.nanoTime(), System.currentTimeMillis())).toByteArray()));
    }

    private static HttpRequest.Builder rule() {
        return HttpRequest.newBuilder(URI.create(base() + "/api/alerts/rules"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"name":"errors-%d","query":"filter @message like /ERROR/ | stats count(*) as errors by @log",
                         "condition":"errors > 5","every":"10s","window":"1m"}""".formatted(System.nanoTime())));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String base() {
        return "http://127.0.0.1:" + collector.httpPort();
    }
}
