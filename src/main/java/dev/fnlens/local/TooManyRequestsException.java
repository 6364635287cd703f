package dev.fnlens.local;

/** Lambda's throttle: every environment the function may have is busy (HTTP 429 from the Invoke API). */
public final class TooManyRequestsException extends Exception {
    public TooManyRequestsException(String functionName, int concurrency) {
        super("Rate Exceeded. Function " + functionName + " is at its reserved concurrency of " + concurrency);
    }
}
