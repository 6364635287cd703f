package dev.fnlens.testfn;

import com.amazonaws.services.lambda.runtime.RequestHandler;

/** An interface that extends the handler interface. */
public interface GreeterApi extends RequestHandler<String, String> {
}
