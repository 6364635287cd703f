package dev.fnlens.collector.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fnlens.collector.auth.AccessControl;
import dev.fnlens.collector.alert.api.AlertsApi;
import dev.fnlens.collector.tls.HttpsConnector;
import dev.fnlens.collector.tls.KeyMaterial;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every route of both ports, registered here: the ingest port serves {@link IngestApi} (OTLP)
 * and {@link FirehoseApi} (CloudWatch Logs through Firehose);
 * the HTTP port serves {@link SearchApi}, {@link QueryApi}, {@link TailApi}, {@link OpsApi}, {@link AlertsApi} and
 * the UI (jar resources under {@code /fnlens-ui}) at {@code /}, with its WebJars under {@code /webjars}.
 */
public final class HttpSetup {
    private static final Logger LOG = LoggerFactory.getLogger(HttpSetup.class);
    static final String UI_RESOURCES = "/fnlens-ui";

    private HttpSetup() {
    }

    /**
     * Where a port listens, and with which key material when it serves HTTPS.
     *
     * @param tls null for plain HTTP
     */
    public record Listener(String host, int port, KeyMaterial tls) {
        void apply(JavalinConfig config) {
            if (tls == null) {
                config.jetty.host = host;
                config.jetty.port = port;
            } else {
                config.jetty.addConnector(HttpsConnector.of(tls, host, port));
            }
        }
    }

    public static Javalin ingestServer(Listener listener, AccessControl access, IngestApi ingest,
                                       FirehoseApi firehose) {
        return Javalin.create(config -> {
            listener.apply(config);
            common(config);
            config.routes.before(access::checkIngest);
            ingest.register(config.routes);
            firehose.register(config.routes);
        });
    }

    public static Javalin httpServer(Listener listener, AccessControl access, SessionApi session, SearchApi search,
                                     QueryApi query, OpsApi ops, AlertsApi alerts) {
        return Javalin.create(config -> {
            listener.apply(config);
            common(config);
            config.routes.before(access::checkHttp); // which scope each path needs: auth.AccessPolicy
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = UI_RESOURCES;
                files.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars(); // /webjars/** from the classpath: uPlot, no CDN
            session.register(config.routes);
            search.register(config.routes);
            query.register(config.routes);
            new TailApi(search.events()).register(config);
            ops.register(config.routes);
            alerts.register(config.routes);
        });
    }

    private static void common(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.jsonMapper(new JavalinJackson(new ObjectMapper(), false));
        config.routes.exception(ApiException.class, (e, ctx) ->
                ctx.status(e.status()).json(error(e.reason(), e.getMessage())));
        // a bug: log it here, tell the client only that it happened
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            ctx.status(500).json(error("internal", "internal error, see the collector log"));
        });
    }

    private static Map<String, Object> error(String reason, String message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("error", reason);
        json.put("message", message);
        return json;
    }
}
