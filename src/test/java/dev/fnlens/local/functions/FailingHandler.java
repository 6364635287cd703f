package dev.fnlens.local.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/** Notes each attempt in {@code $ATTEMPTS_FILE}, then fails. */
public class FailingHandler implements RequestHandler<Map<String, Object>, String> {
    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        try {
            Files.writeString(Path.of(System.getenv("ATTEMPTS_FILE")), context.getAwsRequestId() + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("always fails: " + event);
    }
}
