package dev.fnlens.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;

/**
 * What a function answered: its payload, or the Lambda error document
 * ({@code {"errorMessage","errorType","stackTrace"}}) when {@link #errorType()} is set.
 */
public record InvocationResult(String requestId, byte[] payload, String errorType) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public boolean failed() {
        return errorType != null;
    }

    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    static InvocationResult error(String requestId, String errorType, String errorMessage) {
        ObjectNode body = JSON.createObjectNode().put("errorMessage", errorMessage).put("errorType", errorType);
        return new InvocationResult(requestId, body.toString().getBytes(StandardCharsets.UTF_8), errorType);
    }
}
