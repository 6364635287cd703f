package dev.fnlens.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** Raw type: handleRequest(Object, Context) is the real method here, not a bridge. */
@SuppressWarnings("rawtypes")
public class RawHandler implements RequestHandler {
    @Override
    public Object handleRequest(Object input, Context context) {
        return "raw:" + input;
    }
}
