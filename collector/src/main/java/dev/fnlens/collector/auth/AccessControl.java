package dev.fnlens.collector.auth;

import dev.fnlens.collector.http.ApiException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;

import java.util.Optional;
import java.util.Set;

/**
 * Checks every matched route against the scopes it requires (its route roles): a bearer token
 * ({@code Authorization: Bearer ...}), Firehose's {@code X-Amz-Firehose-Access-Key}, or a UI session cookie.
 * Routes without roles are public (health, the UI's static files, signing in). While no token exists at all,
 * everyone is let in — the collector refuses to start like that on anything but loopback.
 *
 * <p>Answers carry no detail that helps an attacker: 401 for a missing or unknown token, 403 for a scope that
 * does not allow the route. A cookie-authenticated change must also carry the {@code X-Fnlens-Request} header,
 * which another site's form or script cannot send (no CORS here), on top of the SameSite=Strict cookie.
 */
public final class AccessControl {
    public static final String CSRF_HEADER = "X-Fnlens-Request";

    private final TokenStore tokens;
    private final Sessions sessions;

    public AccessControl(TokenStore tokens, Sessions sessions) {
        this.tokens = tokens;
        this.sessions = sessions;
    }

    /** Javalin {@code beforeMatched} handler. */
    public void check(Context ctx) {
        Set<RouteRole> required = ctx.routeRoles();
        if (required.isEmpty() || tokens.isEmpty()) {
            return;
        }
        Optional<Scope> scope = bearer(ctx).or(() -> firehoseKey(ctx)).flatMap(tokens::scopeOf);
        if (scope.isEmpty()) {
            scope = sessions.scopeOf(ctx.cookie(Sessions.COOKIE));
            if (scope.isPresent() && isChange(ctx) && ctx.header(CSRF_HEADER) == null) {
                throw new ApiException(403, "forbidden", "changes from the UI need the " + CSRF_HEADER + " header");
            }
        }
        if (scope.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"fnlens\"");
            throw new ApiException(401, "unauthorized", "a valid token is required");
        }
        Scope held = scope.get();
        if (required.stream().noneMatch(r -> r instanceof Scope s && held.grants(s))) {
            throw new ApiException(403, "forbidden", "this token's scope does not allow this request");
        }
    }

    /** Whether the request carries a valid token at all, whatever its scope (for a sign-in answer). */
    public Optional<Scope> presentedScope(Context ctx) {
        return bearer(ctx).or(() -> firehoseKey(ctx)).flatMap(tokens::scopeOf)
                .or(() -> sessions.scopeOf(ctx.cookie(Sessions.COOKIE)));
    }

    public boolean isOpen() {
        return tokens.isEmpty();
    }

    private static Optional<String> bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).trim());
    }

    private static Optional<String> firehoseKey(Context ctx) {
        return Optional.ofNullable(ctx.header("X-Amz-Firehose-Access-Key"));
    }

    private static boolean isChange(Context ctx) {
        HandlerType method = ctx.method();
        return !(method.equals(HandlerType.GET) || method.equals(HandlerType.HEAD) || method.equals(HandlerType.OPTIONS));
    }
}
