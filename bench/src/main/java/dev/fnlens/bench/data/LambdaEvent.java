package dev.fnlens.bench.data;

import java.util.Map;

/**
 * One CloudWatch-style log event with the fields Logs Insights discovers in it: what the
 * fnlens collector makes of the OTLP it receives, and what OpenSearch is sent directly.
 * Absent fields are null; memory is in bytes, decimal (512 MB is 5.12E8), as CloudWatch has it.
 *
 * @param json fields of a JSON line (Powertools line or error line), else null
 */
public record LambdaEvent(long timestamp, String log, String logStream, String message, String type,
                          String requestId, Double duration, Double billedDuration, Double memorySize,
                          Double maxMemoryUsed, Double initDuration, Map<String, Object> json) {

    /** What kind of line this is, for counting the mix: the {@code @type}, else APP, ERROR or TIMEOUT. */
    public String kind() {
        if (type != null) {
            return type;
        }
        if (message.contains("\tERROR\t{\"errorType\"")) {
            return "ERROR";
        }
        return message.contains(" Task timed out after ") ? "TIMEOUT" : "APP";
    }
}
