package dev.fnlens.collector.http;

import dev.fnlens.collector.auth.Sessions;
import io.javalin.http.Context;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Caps the queries one caller runs at once; one more is answered 429 with
 * {@code Retry-After}. Who the caller is comes from a function of the request: its token
 * (or UI session) once tokens exist, its remote address until then ({@link #byTokenOrAddress}).
 * Only callers with a query running are remembered.
 */
public final class QueryGate {
    /** Every remote address is one caller. */
    public static final Function<Context, String> BY_REMOTE_ADDRESS = ctx -> ctx.req().getRemoteAddr();

    /**
     * Once tokens exist the access check has let only valid credentials through, so the
     * token (or the UI session) is the caller; before that a credential proves nothing and
     * anyone could make up a new one per query, so the remote address is. Keys hold a hash,
     * not the secret.
     */
    public static Function<Context, String> byTokenOrAddress(BooleanSupplier tokensExist) {
        return ctx -> {
            if (tokensExist.getAsBoolean()) {
                String bearer = ctx.header("Authorization");
                if (bearer != null) {
                    return "token " + Integer.toHexString(bearer.strip().hashCode());
                }
                String session = ctx.cookie(Sessions.COOKIE);
                if (session != null) {
                    return "session " + Integer.toHexString(session.hashCode());
                }
            }
            return ctx.req().getRemoteAddr();
        };
    }

    private final int perCaller;
    private final Function<Context, String> caller;
    private final ConcurrentHashMap<String, Integer> running = new ConcurrentHashMap<>();

    public QueryGate(int perCaller, Function<Context, String> caller) {
        this.perCaller = perCaller;
        this.caller = caller;
    }

    /** A held slot; closing it frees the slot. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /** @throws ApiException 429 with {@code Retry-After} when the caller already runs as many queries as allowed */
    public Slot enter(Context ctx) {
        try {
            return enter(caller.apply(ctx));
        } catch (ApiException e) {
            ctx.header("Retry-After", "1");
            throw e;
        }
    }

    /** @throws ApiException 429 when {@code who} already runs as many queries as allowed */
    Slot enter(String who) {
        String key = who == null ? "" : who;
        int now = running.merge(key, 1, Integer::sum);
        if (now > perCaller) {
            leave(key);
            throw new ApiException(429, "too_many_queries", "already " + perCaller
                    + " queries running for this caller (max-concurrent-queries); retry when one has finished");
        }
        return () -> leave(key);
    }

    /** Queries running for all callers. */
    public int running() {
        return running.values().stream().mapToInt(Integer::intValue).sum();
    }

    private void leave(String key) {
        running.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }
}
