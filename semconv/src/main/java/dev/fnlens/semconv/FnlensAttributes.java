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
    /** The queue, topic, bucket, table, stream or rule the event came from (its name, not its ARN). */
    public static final String TRIGGER_RESOURCE = "fnlens.trigger.resource";
    /** Records in a batch event (SQS, SNS, S3, DynamoDB Streams, Kinesis). */
    public static final String TRIGGER_BATCH_SIZE = "fnlens.trigger.batch_size";
    /** OpenTelemetry HTTP conventions, for API Gateway, ALB and function URL invocations. */
    public static final String HTTP_REQUEST_METHOD = "http.request.method";
    public static final String HTTP_ROUTE = "http.route";
    public static final String HTTP_RESPONSE_STATUS_CODE = "http.response.status_code";
    public static final String URL_PATH = "url.path";
    /** OpenTelemetry messaging conventions, for queue and topic invocations. */
    public static final String MESSAGING_SYSTEM = "messaging.system";
    public static final String MESSAGING_DESTINATION_NAME = "messaging.destination.name";
    public static final String MESSAGING_BATCH_MESSAGE_COUNT = "messaging.batch.message_count";

    /** {@code on-demand}, {@code provisioned-concurrency} or {@code snap-start}, when the runtime says. */
    public static final String INITIALIZATION_TYPE = "fnlens.initialization_type";
    /** True on the first invocation after a SnapStart restore (which is not a cold start). */
    public static final String RESTORE = "fnlens.restore";

    /** Peak resident set during this invocation (since the previous one was recorded), MiB. */
    public static final String INVOCATION_MAX_RSS_MB = "fnlens.invocation_max_rss_mb";
    /** Java heap in use right after the handler returned, MiB. */
    public static final String HEAP_USED_AFTER_MB = "fnlens.heap_used_after_mb";
    /** Stop-the-world garbage collection pauses that began during the invocation, ms. */
    public static final String GC_PAUSE_MS = "fnlens.gc_pause_ms";

    /** Invocation records the agent lost (queue full, collector unreachable) since it last reported. */
    public static final String AGENT_DROPPED_INVOCATIONS = "fnlens.agent.dropped_invocations";
    /** Log records the agent lost since it last reported. */
    public static final String AGENT_DROPPED_LOG_RECORDS = "fnlens.agent.dropped_log_records";

    // --- exceptions (OpenTelemetry exception event) ---
    public static final String EXCEPTION_EVENT = "exception";
    public static final String EXCEPTION_TYPE = "exception.type";
    public static final String EXCEPTION_MESSAGE = "exception.message";
    public static final String EXCEPTION_STACKTRACE = "exception.stacktrace";

    // --- log records ---
    /** The request id a log record belongs to. */
    public static final String REQUEST_ID = "fnlens.request_id";
    /** Where the function wrote the line: {@code stdout|stderr|lambda|jul|log4j2|logback}. */
    public static final String LOG_SOURCE = "fnlens.log.source";
    /** OpenTelemetry's name for the stream of a console line: {@code stdout|stderr}. */
    public static final String LOG_IOSTREAM = "log.iostream";

    // --- values ---
    public static final String STATUS_SUCCESS = "success";
    public static final String STATUS_ERROR = "error";
    public static final String STATUS_TIMEOUT = "timeout";
    /** Instrumentation scope name the agent uses for its spans and logs. */
    public static final String SCOPE_NAME = "dev.fnlens.agent";
}
