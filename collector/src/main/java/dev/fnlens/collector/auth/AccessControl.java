package dev.fnlens.collector.auth;

import dev.fnlens.collector.http.ApiException;
import io.javalin.http.Context;

import java.util.Optional;

/**
 * Checks every request against the scope {@link AccessPolicy} says it needs: a bearer token
 * ({@code Authorization: Bearer ...}), Firehose's {@code X-Amz-Firehose-Access-Key}, or a UI session cookie.
 * While no token exists at all, everyone is let in — the collector refuses to start like that on anything but
 * loopback.
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

    /** A Javalin {@code before} handler for the ingest port. */
    public void checkIngest(Context ctx) {
        check(ctx, true);
    }

    /** A Javalin {@code before} handler for the HTTP port. */
    public void checkHttp(Context ctx) {
        check(ctx, false);
    }

    private void check(Context ctx, boolean ingestPort) {
        Optional<Scope> required = AccessPolicy.required(ingestPort, ctx.method(), ctx.path());
        if (required.isEmpty() || tokens.isEmpty()) {
            return;
        }
        Optional<Scope> scope = bearer(ctx).or(() -> firehoseKey(ctx)).flatMap(tokens::scopeOf);
        if (scope.isEmpty()) {
            scope = sessions.scopeOf(ctx.cookie(Sessions.COOKIE));
            if (scope.isPresent() && !AccessPolicy.isRead(ctx.method()) && ctx.header(CSRF_HEADER) == null) {
                throw new ApiException(403, "forbidden", "changes from the UI need the " + CSRF_HEADER + " header");
            }
        }
        if (scope.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"fnlens\"");
            throw new ApiException(401, "unauthorized", "a valid token is required");
        }
        if (!scope.get().grants(required.get())) {
            throw new ApiException(403, "forbidden", "this token's scope does not allow this request");
        }
    }

    /** Whether the request carries a valid token at all, whatever its scope (for a sign-in answer). */
    public Optional<Scope> presentedScope(Context ctx) {
        return bearer(ctx).or(() -> firehoseKey(ctx)).flatMap(tokens::scopeOf)
                .or(() -> sessions.scopeOf(ctx.cookie(Sessions.COOKIE)));
    }

    /** For endpoints that check their own credential: whether it is an ingest token (or no token exists). */
    public boolean allowsIngest(String credential) {
        return tokens.isEmpty() || tokens.scopeOf(credential).filter(s -> s.grants(Scope.INGEST)).isPresent();
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
}
