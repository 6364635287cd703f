package dev.fnlens.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** Throws, and remembers what it threw so callers can check they got the very same object. */
public class FailingHandler implements RequestHandler<String, String> {
    public static volatile RuntimeException lastThrown;

    @Override
    public String handleRequest(String input, Context context) {
        RuntimeException error = new IllegalStateException("boom: " + input);
        lastThrown = error;
        throw error;
    }
}
