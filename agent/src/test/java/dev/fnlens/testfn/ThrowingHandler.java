package dev.fnlens.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** Throws the exception it is given, so a test holds the original instance. */
public class ThrowingHandler implements RequestHandler<RuntimeException, String> {
    @Override
    public String handleRequest(RuntimeException error, Context context) {
        throw error;
    }
}
