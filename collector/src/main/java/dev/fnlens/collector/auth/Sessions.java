package dev.fnlens.collector.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in UI sessions: a random id in an HttpOnly, SameSite=Strict cookie stands for the scope of the token
 * the user signed in with, for a limited time. Kept in memory: a collector restart signs everyone out.
 */
public final class Sessions {
    public static final String COOKIE = "fnlens_session";
    static final Duration LIFETIME = Duration.ofHours(12);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Session(Scope scope, long expiresAtMs) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;

    public Sessions(Clock clock) {
        this.clock = clock;
    }

    public String create(Scope scope) {
        byte[] id = new byte[32];
        RANDOM.nextBytes(id);
        String sessionId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        sessions.put(sessionId, new Session(scope, clock.millis() + LIFETIME.toMillis()));
        sessions.values().removeIf(s -> s.expiresAtMs < clock.millis()); // keep the map from growing
        return sessionId;
    }

    public Optional<Scope> scopeOf(String sessionId) {
        if (sessionId == null) {
            return Optional.empty();
        }
        Session session = sessions.get(sessionId);
        if (session == null || session.expiresAtMs < clock.millis()) {
            return Optional.empty();
        }
        return Optional.of(session.scope);
    }

    public void end(String sessionId) {
        if (sessionId != null) {
            sessions.remove(sessionId);
        }
    }
}
