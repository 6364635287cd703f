package dev.fnlens.collector.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fnlens.collector.auth.AccessControl;
import dev.fnlens.collector.auth.Scope;
import dev.fnlens.collector.auth.Sessions;
import dev.fnlens.collector.auth.TokenStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Signing the UI in and out: {@code POST /api/session {"token"}} trades a read or admin token for an HttpOnly,
 * SameSite=Strict session cookie; {@code GET /api/session} says whether sign-in is needed and who is signed in;
 * {@code DELETE /api/session} signs out.
 */
public final class SessionApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AccessControl access;
    private final TokenStore tokens;
    private final Sessions sessions;
    private final boolean secureCookie;

    public SessionApi(AccessControl access, TokenStore tokens, Sessions sessions, boolean secureCookie) {
        this.access = access;
        this.tokens = tokens;
        this.sessions = sessions;
        this.secureCookie = secureCookie;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/session", this::show);
        routes.post("/api/session", this::signIn);
        routes.delete("/api/session", this::signOut);
    }

    private void show(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("open", access.isOpen());
        body.put("scope", access.presentedScope(ctx).map(Scope::wireName).orElse(null));
        ctx.json(body);
    }

    private void signIn(Context ctx) throws IOException {
        JsonNode body = ctx.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(ctx.body());
        Optional<Scope> scope = tokens.scopeOf(body.path("token").asText(null));
        if (scope.isEmpty()) {
            throw new ApiException(401, "unauthorized", "a valid token is required");
        }
        if (scope.get() == Scope.INGEST) {
            throw new ApiException(403, "forbidden", "sign in with a read or admin token");
        }
        String id = sessions.create(scope.get());
        ctx.header("Set-Cookie", Sessions.COOKIE + "=" + id + "; Path=/; HttpOnly; SameSite=Strict"
                + (secureCookie ? "; Secure" : ""));
        ctx.json(Map.of("scope", scope.get().wireName()));
    }

    private void signOut(Context ctx) {
        sessions.end(ctx.cookie(Sessions.COOKIE));
        ctx.header("Set-Cookie", Sessions.COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
        ctx.status(204);
    }
}
