package dev.fnlens.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.collector.Collector;
import dev.fnlens.collector.CollectorConfig;
import dev.fnlens.collector.tls.TlsConfig;
import dev.fnlens.local.ExecutionEnvironment;
import dev.fnlens.local.FunctionSpec;
import dev.fnlens.local.RuntimeFiles;
import dev.fnlens.local.RuntimeSettings;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collector that serves HTTPS with a private certificate: the agent ships to it once the function's JVM trusts
 * that certificate (the standard {@code javax.net.ssl.trustStore}), as any Java HTTPS client would.
 */
class AgentOverTlsIT {
    private static final String PASSWORD = "changeit";

    @TempDir
    Path data;

    @Test
    void theAgent_shipsOverHttps_toACollectorWithAPrivateCertificate() throws Exception {
        Path keyStore = selfSigned(data.resolve("collector.p12"));
        try (Collector collector = Collector.start(CollectorConfig.defaults().withDataDir(data.resolve("collector"))
                .withOtlpPort(0).withHttpPort(0).withTls(TlsConfig.pkcs12(keyStore, PASSWORD)))) {
            RuntimeSettings settings = new RuntimeSettings(RuntimeFiles.locate(data), collector.otlpUrl(), "us-east-1",
                    data.resolve("function-logs"));
            FunctionSpec hello = FunctionSpec.of("tls-hello", "dev.fnlens.examples.HelloHandler::handleRequest",
                    Path.of("target", "fnlens-examples.jar")).withMemoryMb(256).withTimeoutSeconds(20)
                    .withEnvironment(Map.of("JAVA_TOOL_OPTIONS", "-Djavax.net.ssl.trustStore=" + keyStore
                            + " -Djavax.net.ssl.trustStorePassword=" + PASSWORD
                            + " -Djavax.net.ssl.trustStoreType=PKCS12"));
            String requestId;
            try (var environment = ExecutionEnvironment.start(hello, settings)) {
                requestId = environment.invoke("{\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8)).requestId();
            }

            HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(keyStore)).build();
            URI search = URI.create(collector.uiUrl() + "api/search?q="
                    + URLEncoder.encode("\"" + requestId + "\"", StandardCharsets.UTF_8));
            String body = "";
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!body.contains("REPORT RequestId: " + requestId) && System.nanoTime() < deadline) {
                Thread.sleep(200);
                body = trusting.send(HttpRequest.newBuilder(search).build(), HttpResponse.BodyHandlers.ofString()).body();
            }
            assertThat(collector.otlpUrl()).startsWith("https://");
            assertThat(body).contains("REPORT RequestId: " + requestId);
        }
    }

    /** A key pair and certificate for 127.0.0.1, made by the JDK's keytool. */
    private static Path selfSigned(Path p12) throws Exception {
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "collector", "-keyalg", "EC", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", p12.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0).as(output).isTrue();
        return p12;
    }

    private static SSLContext trusting(Path p12) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            store.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
