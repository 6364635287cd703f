package dev.fnlens.agent.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The https path: a real TLS server with a throw-away certificate for 127.0.0.1. */
class HttpPosterTlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final byte[] BODY = "otlp bytes".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dir;
    static SSLContext serverSide;
    static SSLContext trustingClient;

    @BeforeAll
    static void certificate() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keyalg", "EC", "-alias", "server", "-dname", "CN=fnlens test",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(out).isZero();

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(keystore)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        serverSide = SSLContext.getInstance("TLS");
        serverSide.init(keyManagers.getKeyManagers(), null, null);

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", keys.getCertificate("server"));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        trustingClient = SSLContext.getInstance("TLS");
        trustingClient.init(null, trustManagers.getTrustManagers(), null);
    }

    @Test
    void https_postsOverOneKeptAliveTlsConnection() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (SSLServerSocket server = serve(connections)) {
            URI endpoint = URI.create("https://127.0.0.1:" + server.getLocalPort());
            try (HttpPoster poster = new HttpPoster(endpoint, "Bearer t", false, 5_000,
                    trustingClient.getSocketFactory())) {
                assertThat(poster.post("/v1/traces", BODY, BODY.length)).isEqualTo(200);
                assertThat(poster.post("/v1/logs", BODY, BODY.length)).isEqualTo(200);
            }
            assertThat(connections.get()).isEqualTo(1);
        }
    }

    @Test
    void https_refusesAServerItDoesNotTrust() throws Exception {
        try (SSLServerSocket server = serve(new AtomicInteger())) {
            URI endpoint = URI.create("https://127.0.0.1:" + server.getLocalPort());
            try (HttpPoster poster = new HttpPoster(endpoint, null, false, 5_000,
                    SSLContext.getDefault().getSocketFactory())) {
                assertThatThrownBy(() -> poster.post("/v1/traces", BODY, BODY.length))
                        .isInstanceOf(IOException.class);
            }
        }
    }

    /** Answers every request with 200 and an empty body, keeping the connection. */
    private static SSLServerSocket serve(AtomicInteger connections) throws IOException {
        SSLServerSocket server = (SSLServerSocket) serverSide.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    connections.incrementAndGet();
                    Thread serving = new Thread(() -> answer(socket));
                    serving.setDaemon(true);
                    serving.start();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    private static void answer(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            while (true) {
                int length = -1;
                for (String line = line(in); ; line = line(in)) {
                    if (line == null) {
                        return;
                    }
                    if (line.isEmpty()) {
                        break;
                    }
                    if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                in.readNBytes(length);
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        } catch (IOException e) {
            // the client went away, or the handshake failed (the untrusted case)
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                String s = line.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            line.write(b);
        }
        return null;
    }
}
