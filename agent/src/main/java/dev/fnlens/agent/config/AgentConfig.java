package dev.fnlens.agent.config;

import java.util.Locale;
import java.util.Map;

/**
 * Everything the agent can be told, resolved once at start-up.
 *
 * <p>Each key is looked up in the agent arguments, then in its {@code FNLENS_*}
 * environment variable, then in the variable the Lambda runtime sets, then a default.
 * {@code functionName}, {@code logGroup} and {@code logStream} may stay {@code null}:
 * they are derived later from the first handler that runs.
 *
 * @param gzip               {@code compression=gzip}: request bodies are gzip-compressed
 * @param handler            {@code pkg.Class::method} of a plain (POJO) handler; {@code _HANDLER} on Lambda
 * @param initializationType {@code AWS_LAMBDA_INITIALIZATION_TYPE}, or {@code null} off Lambda
 * @param runtimeApi         {@code AWS_LAMBDA_RUNTIME_API} ({@code host:port}), or {@code null} off Lambda
 */
public record AgentConfig(
        boolean enabled,
        String endpoint,
        String token,
        boolean gzip,
        String functionName,
        String functionVersion,
        long memorySizeMb,
        String logGroup,
        String logStream,
        String region,
        String handler,
        String initializationType,
        String runtimeApi,
        long exportTimeoutMs,
        long flushTimeoutMs,
        long flushWaitMs,
        long timeoutMarginMs,
        int queueSize,
        int logQueueSize,
        double logSampleRate,
        Features features,
        boolean debug) {

    public static final String DEFAULT_ENDPOINT = "http://127.0.0.1:4318";
    /** Lambda's own default memory size. */
    public static final long DEFAULT_MEMORY_SIZE_MB = 128;
    public static final long DEFAULT_EXPORT_TIMEOUT_MS = 2_000;
    public static final long DEFAULT_FLUSH_TIMEOUT_MS = 3_000;
    public static final long DEFAULT_FLUSH_WAIT_MS = 300;
    public static final long DEFAULT_TIMEOUT_MARGIN_MS = 300;
    public static final int DEFAULT_QUEUE_SIZE = 2_048;
    public static final int DEFAULT_LOG_QUEUE_SIZE = 8_192;

    /**
     * Per-feature switches, all on by default.
     *
     * @param logs            capture the function's log lines at all
     * @param consoleLogs     capture {@code System.out}/{@code System.err}
     * @param frameworkLogs   LambdaLogger, java.util.logging, Log4j 2, Logback: level and one record per event
     * @param triggers        recognise the event that started an invocation
     * @param traceContext    continue the caller's trace (traceparent, X-Ray)
     * @param memory          peak RSS per invocation, heap after, GC pauses
     * @param timeouts        ship a timeout record before the environment is killed
     * @param extension       on Lambda, export as an internal extension after each response
     */
    public record Features(boolean logs, boolean consoleLogs, boolean frameworkLogs, boolean triggers,
                           boolean traceContext, boolean memory, boolean timeouts, boolean extension) {
        public static final Features ALL = new Features(true, true, true, true, true, true, true, true);
    }

    public static AgentConfig load(String agentArgs, Map<String, String> env) {
        Lookup lookup = new Lookup(AgentArgs.parse(agentArgs), env);
        boolean logs = lookup.bool("logs", true);
        return new AgentConfig(
                lookup.bool("enabled", true),
                normaliseEndpoint(lookup.string("endpoint", null, DEFAULT_ENDPOINT)),
                lookup.string("token", null, null),
                "gzip".equalsIgnoreCase(lookup.string("compression", null, "none")),
                lookup.string("function_name", "AWS_LAMBDA_FUNCTION_NAME", null),
                lookup.string("function_version", "AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
                lookup.positiveLong("memory_size", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", DEFAULT_MEMORY_SIZE_MB),
                lookup.string("log_group", "AWS_LAMBDA_LOG_GROUP_NAME", null),
                lookup.string("log_stream", "AWS_LAMBDA_LOG_STREAM_NAME", null),
                lookup.string("region", "AWS_REGION", null),
                lookup.string("handler", "_HANDLER", null),
                Lookup.nonBlank(env.get("AWS_LAMBDA_INITIALIZATION_TYPE")),
                Lookup.nonBlank(env.get("AWS_LAMBDA_RUNTIME_API")),
                lookup.positiveLong("export_timeout_ms", null, DEFAULT_EXPORT_TIMEOUT_MS),
                lookup.positiveLong("flush_timeout_ms", null, DEFAULT_FLUSH_TIMEOUT_MS),
                lookup.positiveLong("flush_wait_ms", null, DEFAULT_FLUSH_WAIT_MS),
                lookup.positiveLong("timeout_margin_ms", null, DEFAULT_TIMEOUT_MARGIN_MS),
                lookup.positiveInt("queue_size", DEFAULT_QUEUE_SIZE),
                lookup.positiveInt("log_queue_size", DEFAULT_LOG_QUEUE_SIZE),
                lookup.fraction("log_sample_rate", 1.0),
                new Features(
                        logs,
                        logs && lookup.bool("logs_console", true),
                        logs && lookup.bool("logs_frameworks", true),
                        lookup.bool("triggers", true),
                        lookup.bool("trace_context", true),
                        lookup.bool("memory", true),
                        lookup.bool("timeouts", true),
                        lookup.bool("extension", true)),
                lookup.bool("debug", false));
    }

    /** Where the OTLP/HTTP trace exporter posts; accepts a base URL or the full {@code /v1/traces} URL. */
    public String tracesUrl() {
        return baseUrl() + "/v1/traces";
    }

    /** Where log records go: {@code <endpoint>/v1/logs}. */
    public String logsUrl() {
        return baseUrl() + "/v1/logs";
    }

    private String baseUrl() {
        for (String suffix : new String[] {"/v1/traces", "/v1/logs"}) {
            if (endpoint.endsWith(suffix)) {
                return endpoint.substring(0, endpoint.length() - suffix.length());
            }
        }
        return endpoint;
    }

    /**
     * Provisioned concurrency and SnapStart initialise ahead of traffic: their first invocation is not a
     * cold start. Off Lambda (no initialization type) the first invocation of the JVM is one.
     */
    public boolean coldStartEligible() {
        return isColdStartEligible(initializationType);
    }

    /** SnapStart: the first invocation of this process follows a restore from a snapshot. */
    public boolean snapStart() {
        return initializationType != null && initializationType.trim().equalsIgnoreCase("snap-start");
    }

    /** Running under a Lambda Runtime API that may also serve the Extensions API. */
    public boolean onLambda() {
        return runtimeApi != null;
    }

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

        int positiveInt(String key, int fallback) {
            return (int) Math.min(Integer.MAX_VALUE, positiveLong(key, null, fallback));
        }

        /** A number in [0, 1]; a percentage such as {@code 10%} is accepted too. */
        double fraction(String key, double fallback) {
            String value = string(key, null, null);
            if (value == null) {
                return fallback;
            }
            try {
                String v = value.trim();
                double parsed = v.endsWith("%") ? Double.parseDouble(v.substring(0, v.length() - 1)) / 100
                        : Double.parseDouble(v);
                return parsed >= 0 && parsed <= 1 ? parsed : fallback;
            } catch (NumberFormatException e) {
                return fallback;
            }
        }

        boolean bool(String key, boolean fallback) {
            String value = string(key, null, null);
            if (value == null) {
                return fallback;
            }
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.equals("true") || v.equals("1") || v.equals("yes") || v.equals("on")) {
                return true;
            }
            if (v.equals("false") || v.equals("0") || v.equals("no") || v.equals("off")) {
                return false;
            }
            return fallback;
        }

        static String nonBlank(String s) {
            return s == null || s.isBlank() ? null : s.trim();
        }
    }
}
