package dev.fnlens.collector.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Every line shape of reference/lambda-logs.md, text and JSON format, through {@link MessageFields}. */
class PlatformLinesTest {
    private static final String ID = "8f507cfc-xmpl-4697-b07a-ac58fc914c95";
    private static final String TRACE = "1-5e7d7595-5a2d4e35b4a9d26c0a5f9f6a";
    private static final String SEGMENT = "42ffxmpl0645f474";
    private static final String REPORT = "REPORT RequestId: " + ID + "\tDuration: 198.50 ms\tBilled Duration: 200 ms"
            + "\tMemory Size: 512 MB\tMax Memory Used: 90 MB";

    // text format

    @Test
    void initStart_givesType() {
        Map<String, Object> f = fields("INIT_START Runtime Version: java:17.v40\tRuntime Version ARN: "
                + "arn:aws:lambda:us-east-1::runtime:0a25e3e7a1cc9ce404bc435eeb2ad358d8fa64338e618d0c224fe509403583ca\n");

        assertThat(f).containsOnly(Map.entry("@type", "INIT_START"));
    }

    @Test
    void start_givesTypeAndRequestId() {
        assertThat(fields("START RequestId: " + ID + " Version: $LATEST\n"))
                .containsOnly(Map.entry("@type", "START"), Map.entry("@requestId", ID));
    }

    @Test
    void end_givesTypeAndRequestId() {
        assertThat(fields("END RequestId: " + ID + "\n"))
                .containsOnly(Map.entry("@type", "END"), Map.entry("@requestId", ID));
    }

    @Test
    void reportLine_hasInitDuration_onColdStartOnly() {
        Map<String, Object> cold = fields(REPORT + "\tInit Duration: 524.75 ms\t\n");
        Map<String, Object> warm = fields(REPORT + "\t\n");

        assertThat(cold).containsEntry("@type", "REPORT").containsEntry("@requestId", ID)
                .containsEntry("@duration", 198.5).containsEntry("@billedDuration", 200.0)
                .containsEntry("@memorySize", 5.12E8).containsEntry("@maxMemoryUsed", 9.0E7)
                .containsEntry("@initDuration", 524.75);
        assertThat(warm).doesNotContainKey("@initDuration").containsEntry("@duration", 198.5);
    }

    @Test
    void memory_isInDecimalBytes_like_cloudWatch() {
        assertThat(fields("REPORT RequestId: " + ID + "\tDuration: 1.00 ms\tBilled Duration: 1 ms"
                + "\tMemory Size: 128 MB\tMax Memory Used: 128 MB").get("@memorySize")).isEqualTo(1.28E8);
    }

    @Test
    void reportLine_xraySuffix_givesTraceAndSegment() {
        Map<String, Object> f = fields(REPORT + "\tXRAY TraceId: " + TRACE + "\tSegmentId: " + SEGMENT + "\tSampled: true\t");

        assertThat(f).containsEntry("@xrayTraceId", TRACE).containsEntry("@xraySegmentId", SEGMENT)
                .containsEntry("@maxMemoryUsed", 9.0E7).doesNotContainKey("Sampled");
    }

    @Test
    void reportLine_xraySuffixAfterTabNewline_isFound() {
        Map<String, Object> f = fields(REPORT + "\tInit Duration: 10.00 ms\t\nXRAY TraceId: " + TRACE
                + "\tSegmentId: " + SEGMENT + "\tSampled: true\t\n");

        assertThat(f).containsEntry("@xrayTraceId", TRACE).containsEntry("@xraySegmentId", SEGMENT)
                .containsEntry("@initDuration", 10.0);
    }

    @Test
    void reportLine_statusTimeout_andStatusErrorWithErrorType() {
        Map<String, Object> timeout = fields(REPORT + "\tStatus: timeout");
        Map<String, Object> oom = fields(REPORT + "\tStatus: error\tError Type: Runtime.OutOfMemory");

        assertThat(timeout).containsEntry("@status", "timeout").doesNotContainKey("@errorType");
        assertThat(oom).containsEntry("@status", "error").containsEntry("@errorType", "Runtime.OutOfMemory")
                .containsEntry("@duration", 198.5);
    }

    @Test
    void snapStartReport_givesRestoreDurations_andRestoreLinesTheirType() {
        Map<String, Object> report = fields("REPORT RequestId: " + ID + "\tDuration: 21.04 ms\tBilled Duration: 345 ms"
                + "\tMemory Size: 1024 MB\tMax Memory Used: 120 MB\tRestore Duration: 571.67 ms"
                + "\tBilled Restore Duration: 324 ms");

        assertThat(report).containsEntry("@restoreDuration", 571.67).containsEntry("@billedRestoreDuration", 324.0)
                .containsEntry("@memorySize", 1.024E9).doesNotContainKey("@initDuration");
        assertThat(fields("RESTORE_START Runtime Version: java:17.v40\tRuntime Version ARN: arn:aws:lambda:x"))
                .containsOnly(Map.entry("@type", "RESTORE_START"));
        assertThat(fields("RESTORE_REPORT Restore Duration: 571.67 ms"))
                .containsOnly(Map.entry("@type", "RESTORE_REPORT"));
    }

    @Test
    void initReport_givesTypeAndStatus_butNoColdStartInitDuration() {
        assertThat(fields("INIT_REPORT Init Duration: 10006.50 ms\tPhase: init\tStatus: timeout"))
                .containsOnly(Map.entry("@type", "INIT_REPORT"), Map.entry("@status", "timeout"));
    }

    @Test
    void extensionAndTelemetryLines_giveType() {
        assertThat(fields("EXTENSION\tName: fnlens-agent\tState: Ready\tEvents: [INVOKE, SHUTDOWN]"))
                .containsOnly(Map.entry("@type", "EXTENSION"));
        assertThat(fields("TELEMETRY\tName: fnlens-agent\tState: Subscribed\tTypes: [Platform, Function]"))
                .containsOnly(Map.entry("@type", "TELEMETRY"));
    }

    @Test
    void timeoutLine_givesRequestId() {
        assertThat(fields("2019-06-05T19:30:03.173Z " + ID + " Task timed out after 3.00 seconds\n"))
                .containsOnly(Map.entry("@requestId", ID));
    }

    @Test
    void applicationLine_quotingTheTimeoutWords_isStillAnApplicationLine() {
        assertThat(fields("2019-06-05T19:30:03.173Z\t" + ID + "\tWARN\tretrying: Task timed out after 3.00 seconds"))
                .containsOnly(Map.entry("@requestId", ID));
    }

    @Test
    void applicationLine_givesRequestId_only() {
        assertThat(fields("2019-06-05T19:30:03.173Z\t" + ID + "\tINFO\tapp message\n"))
                .containsOnly(Map.entry("@requestId", ID));
    }

    @Test
    void otherUpperCaseWords_andMalformedNumbers_discoverNothingExtra() {
        assertThat(fields("WARNING: disk almost full")).isEmpty();
        assertThat(fields("STARTING up")).isEmpty();
        assertThat(fields("START the engine")).isEmpty();
        assertThat(fields("REPORT generated: 12 pages")).isEmpty();
        assertThat(fields("END")).isEmpty();
        assertThat(fields("EXTENSION loaded")).isEmpty();
        assertThat(fields("REPORT RequestId: " + ID + "\tDuration: fast ms\tBilled Duration: NaN ms"))
                .containsOnly(Map.entry("@type", "REPORT"), Map.entry("@requestId", ID));
    }

    // JSON format

    @Test
    void jsonInitStart_givesType_andKeepsItsJsonFields() {
        Map<String, Object> f = fields("{\"time\":\"2023-11-01T00:00:00.000Z\",\"type\":\"platform.initStart\","
                + "\"record\":{\"initializationType\":\"on-demand\",\"phase\":\"init\",\"runtimeVersion\":\"java:17.v19\"}}");

        assertThat(f).containsEntry("@type", "INIT_START").containsEntry("record.runtimeVersion", "java:17.v19")
                .containsEntry("type", "platform.initStart").doesNotContainKey("@requestId");
    }

    @Test
    void jsonStart_givesRequestId_andXrayIdsFromTracing() {
        Map<String, Object> f = fields("{\"time\":\"2023-11-01T00:00:00.000Z\",\"type\":\"platform.start\","
                + "\"record\":{\"requestId\":\"" + ID + "\",\"version\":\"$LATEST\",\"tracing\":{\"spanId\":\""
                + SEGMENT + "\",\"type\":\"X-Amzn-Trace-Id\",\"value\":\"Root=" + TRACE
                + ";Parent=0b1c2d3e4f5a6b7c;Sampled=1\"}}}");

        assertThat(f).containsEntry("@type", "START").containsEntry("@requestId", ID)
                .containsEntry("@xrayTraceId", TRACE).containsEntry("@xraySegmentId", SEGMENT);
    }

    @Test
    void jsonRuntimeDone_isTheEndLine() {
        Map<String, Object> f = fields("{\"time\":\"2023-11-01T00:00:00.200Z\",\"type\":\"platform.runtimeDone\","
                + "\"record\":{\"requestId\":\"" + ID + "\",\"status\":\"success\",\"metrics\":{\"durationMs\":198.5}}}");

        assertThat(f).containsEntry("@type", "END").containsEntry("@requestId", ID)
                .doesNotContainKeys("@duration", "@status");
    }

    @Test
    void jsonReport_givesTheSameLambdaFieldsAsTheTextReport() {
        String json = "{\"time\":\"2023-11-01T00:00:00.201Z\",\"type\":\"platform.report\",\"record\":{\"requestId\":\""
                + ID + "\",\"metrics\":{\"durationMs\":198.5,\"billedDurationMs\":200,\"memorySizeMB\":512,"
                + "\"maxMemoryUsedMB\":90,\"initDurationMs\":524.75},\"tracing\":{\"spanId\":\"" + SEGMENT
                + "\",\"type\":\"X-Amzn-Trace-Id\",\"value\":\"Root=" + TRACE + ";Parent=x;Sampled=1\"},"
                + "\"status\":\"success\"}}";
        String text = REPORT + "\tInit Duration: 524.75 ms\t\nXRAY TraceId: " + TRACE + "\tSegmentId: " + SEGMENT
                + "\tSampled: true";

        assertThat(lambdaFields(fields(json))).isEqualTo(lambdaFields(fields(text)));
        assertThat(fields(json)).containsEntry("record.metrics.durationMs", 198.5).containsEntry("@memorySize", 5.12E8);
    }

    @Test
    void jsonReport_timeoutAndError_giveStatusAndErrorType() {
        Map<String, Object> timeout = fields(jsonReport("\"status\":\"timeout\""));
        Map<String, Object> error = fields(jsonReport("\"status\":\"error\",\"errorType\":\"Runtime.OutOfMemory\""));

        assertThat(timeout).containsEntry("@status", "timeout");
        assertThat(error).containsEntry("@status", "error").containsEntry("@errorType", "Runtime.OutOfMemory");
    }

    @Test
    void jsonReport_snapStart_givesRestoreDurations() {
        Map<String, Object> f = fields("{\"time\":\"t\",\"type\":\"platform.report\",\"record\":{\"requestId\":\"" + ID
                + "\",\"metrics\":{\"durationMs\":21.04,\"billedDurationMs\":345,\"memorySizeMB\":1024,"
                + "\"maxMemoryUsedMB\":120,\"restoreDurationMs\":571.67,\"billedRestoreDurationMs\":324}}}");

        assertThat(f).containsEntry("@restoreDuration", 571.67).containsEntry("@billedRestoreDuration", 324.0)
                .doesNotContainKey("@initDuration");
    }

    @Test
    void jsonInitReport_andOtherPlatformRecords_getTheTextTypeNames() {
        assertThat(fields("{\"time\":\"t\",\"type\":\"platform.initReport\",\"record\":{\"initializationType\":"
                + "\"on-demand\",\"phase\":\"init\",\"metrics\":{\"durationMs\":524.75}}}"))
                .containsEntry("@type", "INIT_REPORT").doesNotContainKey("@initDuration");
        assertThat(fields("{\"time\":\"t\",\"type\":\"platform.initRuntimeDone\",\"record\":{\"status\":\"success\"}}"))
                .containsEntry("@type", "INIT_RUNTIME_DONE");
        assertThat(fields("{\"time\":\"t\",\"type\":\"platform.telemetrySubscription\",\"record\":{\"name\":\"x\"}}"))
                .containsEntry("@type", "TELEMETRY");
        assertThat(fields("{\"type\":\"platform.<script>\",\"record\":{}}")).doesNotContainKey("@type");
    }

    @Test
    void jsonApplicationLines_giveRequestId_andKeepTheirFields() {
        Map<String, Object> lambda = fields("{\"timestamp\":\"2023-11-01T00:00:00.100Z\",\"level\":\"INFO\","
                + "\"requestId\":\"" + ID + "\",\"message\":\"order placed\",\"order\":{\"id\":7}}");
        Map<String, Object> java = fields("{\"timestamp\":\"t\",\"level\":\"WARN\",\"message\":\"m\",\"AWSRequestId\":\"" + ID + "\"}");
        Map<String, Object> powertools = fields("{\"level\":\"INFO\",\"message\":\"m\",\"cold_start\":true,"
                + "\"function_name\":\"orders\",\"function_request_id\":\"" + ID + "\",\"xray_trace_id\":\"" + TRACE + "\"}");

        assertThat(lambda).containsEntry("@requestId", ID).containsEntry("level", "INFO").containsEntry("order.id", 7L)
                .doesNotContainKey("@type");
        assertThat(java).containsEntry("@requestId", ID);
        assertThat(powertools).containsEntry("@requestId", ID).containsEntry("@xrayTraceId", TRACE)
                .containsEntry("cold_start", true);
    }

    private static String jsonReport(String extra) {
        return "{\"time\":\"t\",\"type\":\"platform.report\",\"record\":{\"requestId\":\"" + ID + "\",\"metrics\":"
                + "{\"durationMs\":3000.0,\"billedDurationMs\":3000,\"memorySizeMB\":128,\"maxMemoryUsedMB\":60}," + extra + "}}";
    }

    private static Map<String, Object> lambdaFields(Map<String, Object> fields) {
        Map<String, Object> lambda = new TreeMap<>();
        fields.forEach((k, v) -> {
            if (k.startsWith("@")) {
                lambda.put(k, v);
            }
        });
        return lambda;
    }

    private static Map<String, Object> fields(String message) {
        return MessageFields.discover(message);
    }
}
