package dev.fnlens.collector.auth;

import io.javalin.http.HandlerType;

import java.util.Optional;

/**
 * Which scope each request needs, in one table rather than spread over the routes:
 *
 * <table>
 *   <tr><th>port</th><th>path</th><th>scope</th></tr>
 *   <tr><td>ingest</td><td>{@code /v1/*}</td><td>ingest</td></tr>
 *   <tr><td>ingest</td><td>{@code /cloudwatch/firehose}: checked by the endpoint itself, to answer in
 *       Firehose's own shape</td><td>ingest</td></tr>
 *   <tr><td>http</td><td>{@code /healthz}, {@code /api/session}, the UI's static files</td><td>none</td></tr>
 *   <tr><td>http</td><td>changes under {@code /api/alerts/}, and {@code /api/alerts/destinations} (webhook
 *       URLs can be credentials, as Slack's are)</td><td>admin</td></tr>
 *   <tr><td>http</td><td>any other {@code /api/*}, {@code /metrics}</td><td>read</td></tr>
 * </table>
 */
public final class AccessPolicy {
    private AccessPolicy() {
    }

    /** The scope a request needs; empty for public requests. */
    public static Optional<Scope> required(boolean ingestPort, HandlerType method, String path) {
        if (ingestPort) {
            return path.equals("/cloudwatch/firehose") ? Optional.empty() : Optional.of(Scope.INGEST);
        }
        if (path.equals("/healthz") || path.equals("/api/session")) {
            return Optional.empty();
        }
        if (path.startsWith("/api/alerts/") && (!isRead(method) || path.startsWith("/api/alerts/destinations"))) {
            return Optional.of(Scope.ADMIN);
        }
        if (path.startsWith("/api/") || path.equals("/metrics")) {
            return Optional.of(Scope.READ);
        }
        return Optional.empty();
    }

    static boolean isRead(HandlerType method) {
        return method.equals(HandlerType.GET) || method.equals(HandlerType.HEAD) || method.equals(HandlerType.OPTIONS);
    }
}
