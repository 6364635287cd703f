package dev.fnlens.collector.tls;

import java.util.function.BiFunction;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The one connector of a port when TLS is configured: HTTP/1.1 inside TLS 1.2/1.3 (Jetty's defaults, which
 * exclude the broken protocols and cipher suites). Javalin adds no plain connector once one is given.
 */
public final class HttpsConnector {
    private HttpsConnector() {
    }

    public static BiFunction<Server, HttpConfiguration, Connector> of(KeyMaterial keys, String host, int port) {
        return (server, http) -> {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStore(keys.keyStore());
            ssl.setKeyStorePassword(keys.password());
            HttpConfiguration https = new HttpConfiguration(http);
            https.setSecureScheme("https");
            https.addCustomizer(new SecureRequestCustomizer());
            ServerConnector connector = new ServerConnector(server,
                    new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(https));
            connector.setHost(host);
            connector.setPort(port);
            return connector;
        };
    }
}
