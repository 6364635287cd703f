package dev.fnlens.semconv;

/**
 * Attribute names the agent writes and the collector reads, in one place.
 *
 * <p>The wire is plain OTLP; these are the OpenTelemetry FaaS semantic-convention
 * names fnlens relies on, plus fnlens' own extras under {@code fnlens.*}.
 * JDK-only on purpose: the agent bundles this class unshaded.
 */
public final class FnlensAttributes {
    private FnlensAttributes() {
    }

    // --- resource (one per function instance / execution environment) ---
    public static final String SERVICE_NAME = "service.name";
    public static final String FAAS_NAME = "faas.name";
    public static final String FAAS_VERSION = "faas.version";
    /** On AWS: the log stream name of the execution environment. */
    public static final String FAAS_INSTANCE = "faas.instance";
    /** Configured memory, in bytes. */
    public static final String FAAS_MAX_MEMORY = "faas.max_memory";
    public static final String CLOUD_PROVIDER = "cloud.provider";
    public static final String CLOUD_PLATFORM = "cloud.platform";
    public static final String CLOUD_REGION = "cloud.region";
    /** fnlens extra: the CloudWatch log group, {@code /aws/lambda/<function>}. */
    public static final String LOG_GROUP = "fnlens.log_group";

    // --- span (one per invocation) ---
    /** {@code http|pubsub|datasource|timer|other}. */
    public static final String FAAS_TRIGGER = "faas.trigger";
    public static final String FAAS_INVOCATION_ID = "faas.invocation_id";
    public static final String FAAS_COLDSTART = "faas.coldstart";
    public static final String CLOUD_RESOURCE_ID = "cloud.resource_id";

    public static final String INIT_DURATION_MS = "fnlens.init_duration_ms";
    public static final String DURATION_MS = "fnlens.duration_ms";
    public static final String BILLED_DURATION_MS = "fnlens.billed_duration_ms";
    public static final String MEMORY_SIZE_MB = "fnlens.memory_size_mb";
    public static final String MAX_MEMORY_USED_MB = "fnlens.max_memory_used_mb";
    /** {@code success|error|timeout}. */
    public static final String STATUS = "fnlens.status";
    /** Configured timeout, in seconds, when known (for the "Task timed out" line). */
    public static final String TIMEOUT_SECONDS = "fnlens.timeout_seconds";
    /** Where the event came from, e.g. {@code aws:sqs}. */
    public static final String TRIGGER_SOURCE = "fnlens.trigger.source";

    // --- exceptions (OpenTelemetry exception event) ---
    public static final String EXCEPTION_EVENT = "exception";
    public static final String EXCEPTION_TYPE = "exception.type";
    public static final String EXCEPTION_MESSAGE = "exception.message";
    public static final String EXCEPTION_STACKTRACE = "exception.stacktrace";

    // --- log records ---
    /** The request id a log record belongs to. */
    public static final String REQUEST_ID = "fnlens.request_id";

    // --- values ---
    public static final String STATUS_SUCCESS = "success";
    public static final String STATUS_ERROR = "error";
    public static final String STATUS_TIMEOUT = "timeout";
    /** Instrumentation scope name the agent uses for its spans and logs. */
    public static final String SCOPE_NAME = "dev.fnlens.agent";
}
