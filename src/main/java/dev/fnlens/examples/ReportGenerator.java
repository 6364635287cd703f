package dev.fnlens.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A slow report: {@code {"rows": 200}} in, a summary out. The time it takes grows with the rows asked
 * for, so a large report runs into the function's timeout. A stream handler, as reports often are.
 */
public class ReportGenerator implements RequestStreamHandler {
    private static final Pattern ROWS = Pattern.compile("\"rows\"\\s*:\\s*(\\d+)");

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String request = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        Matcher m = ROWS.matcher(request);
        int rows = m.find() ? Integer.parseInt(m.group(1)) : 100;
        long checksum = 0;
        for (int row = 0; row < rows; row++) {
            checksum = checksum * 31 + renderRow(row);
        }
        String body = "{\"rows\":" + rows + ",\"checksum\":" + checksum + "}";
        output.write(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Rendering a row takes about a millisecond, like a small query would. */
    private static long renderRow(int row) {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return row * 7L + 3;
    }
}
