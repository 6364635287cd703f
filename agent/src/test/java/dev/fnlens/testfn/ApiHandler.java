package dev.fnlens.testfn;

import com.amazonaws.services.lambda.runtime.Context;

/** A handler only through {@link GreeterApi}. */
public class ApiHandler implements GreeterApi {
    @Override
    public String handleRequest(String input, Context context) {
        return "api:" + input;
    }
}
