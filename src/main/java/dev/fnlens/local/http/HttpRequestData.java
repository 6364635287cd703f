package dev.fnlens.local.http;

import java.util.List;
import java.util.Map;

/** An HTTP request as API Gateway hands it to a function, independent of the web server that received it. */
public record HttpRequestData(String method, String path, String rawQuery, Map<String, List<String>> headers,
                              Map<String, List<String>> query, Map<String, String> pathParameters, byte[] body,
                              String sourceIp) {
}
