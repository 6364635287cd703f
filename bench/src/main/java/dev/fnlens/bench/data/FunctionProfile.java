package dev.fnlens.bench.data;

import java.util.List;

/**
 * The shape of one generated function: how much memory it has, how long it runs, how often
 * it fails, times out or starts cold, and how it logs.
 *
 * @param medianMs      median duration; durations are log-normal around it with {@code sigma}
 * @param weight        relative share of all invocations
 * @param instances     execution environments alive at once (one log stream each)
 * @param trigger       OTel {@code faas.trigger}
 * @param triggerSource {@code fnlens.trigger.source}, e.g. {@code aws:sqs}, or null
 * @param json          true for Powertools-style JSON log lines, false for plain text
 * @param errors        what its failures look like (type and message)
 */
public record FunctionProfile(String name, int memoryMb, double medianMs, double sigma, double errorRate,
                              double timeoutRate, double coldStartRate, int timeoutSeconds, double weight,
                              int instances, String trigger, String triggerSource, boolean json,
                              List<ErrorKind> errors) {

    /** One way the function fails: exception class and message. */
    public record ErrorKind(String type, String message) {
    }

    public String logGroup() {
        return "/aws/lambda/" + name;
    }

    public String arn() {
        return "arn:aws:lambda:eu-west-1:123456789012:function:" + name;
    }

    /** The Java package its stack frames name. */
    String codePackage() {
        return "com.example." + name.replace("-", "");
    }
}
