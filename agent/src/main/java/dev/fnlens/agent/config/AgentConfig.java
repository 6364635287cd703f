package dev.fnlens.agent.config;

import java.util.Map;

/**
 * Everything the agent can be told, resolved once at start-up.
 *
 * <p>Each key is looked up in the agent arguments, then in its {@code FNLENS_*}
 * environment variable, then in the variable the Lambda runtime sets, then a default.
 * {@code functionName}, {@code logGroup} and {@code logStream} may stay {@code null}:
 * they are derived later from the first handler that runs.
 */
public record AgentConfig(
        boolean enabled,
        String endpoint,
        String functionName,
        String functionVersion,
        long memorySizeMb,
        String logGroup,
        String logStream,
        String region,
        boolean coldStartEligible,
        long exportTimeoutMs,
        long flushTimeoutMs,
        int queueSize,
        boolean debug) {

    public static final String DEFAULT_ENDPOINT = "http://127.0.0.1:4318";
    /** Lambda's own default memory size. */
    public static final long DEFAULT_MEMORY_SIZE_MB = 128;
    public static final long DEFAULT_EXPORT_TIMEOUT_MS = 2_000;
    public static final long DEFAULT_FLUSH_TIMEOUT_MS = 3_000;
    public static final int DEFAULT_QUEUE_SIZE = 2_048;

    public static AgentConfig load(String agentArgs, Map<String, String> env) {
        Lookup lookup = new Lookup(AgentArgs.parse(agentArgs), env);
        return new AgentConfig(
                lookup.bool("enabled", true),
                normaliseEndpoint(lookup.string("endpoint", null, DEFAULT_ENDPOINT)),
                lookup.string("function_name", "AWS_LAMBDA_FUNCTION_NAME", null),
                lookup.string("function_version", "AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
                lookup.positiveLong("memory_size", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", DEFAULT_MEMORY_SIZE_MB),
                lookup.string("log_group", "AWS_LAMBDA_LOG_GROUP_NAME", null),
                lookup.string("log_stream", "AWS_LAMBDA_LOG_STREAM_NAME", null),
                lookup.string("region", "AWS_REGION", null),
                isColdStartEligible(env.get("AWS_LAMBDA_INITIALIZATION_TYPE")),
                lookup.positiveLong("export_timeout_ms", null, DEFAULT_EXPORT_TIMEOUT_MS),
                lookup.positiveLong("flush_timeout_ms", null, DEFAULT_FLUSH_TIMEOUT_MS),
                (int) Math.min(Integer.MAX_VALUE, lookup.positiveLong("queue_size", null, DEFAULT_QUEUE_SIZE)),
                lookup.bool("debug", false));
    }

    /** Where the OTLP/HTTP trace exporter posts; accepts a base URL or the full {@code /v1/traces} URL. */
    public String tracesUrl() {
        return endpoint.endsWith("/v1/traces") ? endpoint : endpoint + "/v1/traces";
    }

    /** Provisioned concurrency and SnapStart initialise ahead of traffic: their first invocation is not a cold start. */
    static boolean isColdStartEligible(String initializationType) {
        return initializationType == null || initializationType.isBlank()
                || "on-demand".equalsIgnoreCase(initializationType.trim());
    }

    /** {@code collector:4318/} -> {@code http://collector:4318}: a missing scheme would only fail later, silently. */
    private static String normaliseEndpoint(String url) {
        String trimmed = url.trim();
        if (!trimmed.contains("://")) {
            trimmed = "http://" + trimmed;
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    /** args, then {@code FNLENS_<KEY>}, then the runtime's variable; blank counts as unset. */
    private static final class Lookup {
        private final Map<String, String> args;
        private final Map<String, String> env;

        Lookup(Map<String, String> args, Map<String, String> env) {
            this.args = args;
            this.env = env;
        }

        String string(String key, String runtimeEnv, String fallback) {
            String value = nonBlank(args.get(key));
            if (value == null) {
                value = nonBlank(env.get(AgentArgs.envName(key)));
            }
            if (value == null && runtimeEnv != null) {
                value = nonBlank(env.get(runtimeEnv));
            }
            return value != null ? value : fallback;
        }

        long positiveLong(String key, String runtimeEnv, long fallback) {
            String value = string(key, runtimeEnv, null);
            if (value == null) {
                return fallback;
            }
            try {
                long parsed = Long.parseLong(value.trim());
                return parsed > 0 ? parsed : fallback;
            } catch (NumberFormatException e) {
                return fallback;
            }
        }

        boolean bool(String key, boolean fallback) {
            String value = string(key, null, null);
            if (value == null) {
                return fallback;
            }
            String v = value.trim();
            if (v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("on")) {
                return true;
            }
            if (v.equalsIgnoreCase("false") || v.equals("0") || v.equalsIgnoreCase("no") || v.equalsIgnoreCase("off")) {
                return false;
            }
            return fallback;
        }

        private static String nonBlank(String s) {
            return s == null || s.isBlank() ? null : s.trim();
        }
    }
}
