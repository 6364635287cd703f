package dev.fnlens.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Runtime and Extensions APIs over real HTTP, played by this test as runtime client and extension. */
class RuntimeApiServerTest {
    final FunctionSpec function = FunctionSpec.of("fn", "a.B::handleRequest", Path.of("fn.jar"));
    final HttpClient http = HttpClient.newHttpClient();
    RuntimeApiServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void nextHandsOutTheEvent_withLambdasHeaders_andTheResponseCompletesTheInvocation() throws Exception {
        server = new RuntimeApiServer(function, "arn:aws:lambda:us-east-1:000000000000:function:fn");
        var submitted = server.submit("req-1", utf8("{\"a\":1}"), 5_000, "Root=1-abc");
        var result = submitted.result();
        Thread.sleep(300); // waiting for the runtime does not count against the timeout

        long takenAt = System.currentTimeMillis();
        HttpResponse<String> next = get("/2018-06-01/runtime/invocation/next", null);
        long deadline = Long.parseLong(next.headers().firstValue("Lambda-Runtime-Deadline-Ms").orElseThrow());
        assertThat(deadline).isBetween(takenAt + 5_000, System.currentTimeMillis() + 5_000);
        assertThat(submitted.deadline().get(1, TimeUnit.SECONDS)).isEqualTo(deadline);
        assertThat(next.body()).isEqualTo("{\"a\":1}");
        assertThat(next.headers().firstValue("Lambda-Runtime-Aws-Request-Id")).hasValue("req-1");
        assertThat(next.headers().firstValue("Lambda-Runtime-Trace-Id")).hasValue("Root=1-abc");
        assertThat(next.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn")).hasValue("arn:aws:lambda:us-east-1:000000000000:function:fn");
        assertThat(post("/2018-06-01/runtime/invocation/req-1/response", "\"ok\"", null).statusCode()).isEqualTo(202);
        assertThat(result.get(1, TimeUnit.SECONDS).payloadText()).isEqualTo("\"ok\"");
    }

    @Test
    void anInitError_failsWhatIsWaiting() throws Exception {
        server = new RuntimeApiServer(function, "arn");
        var result = server.submit("req-1", utf8("{}"), 5_000, "Root=1-abc").result();

        post("/2018-06-01/runtime/init/error", "{\"errorType\":\"Runtime.ClassNotFound\"}", null);

        assertThatThrownBy(() -> result.get(1, TimeUnit.SECONDS)).hasMessageContaining("Runtime.ClassNotFound");
    }

    @Test
    void anExtensionGetsEachInvoke_andTheEnvironmentWaitsForItBeforeTheNextInvocation() throws Exception {
        server = new RuntimeApiServer(function, "arn");
        HttpResponse<String> registered = post("/2020-01-01/extension/register", "{\"events\":[\"INVOKE\"]}",
                new String[]{"Lambda-Extension-Name", "telemetry"});
        String id = registered.headers().firstValue("Lambda-Extension-Identifier").orElseThrow();
        assertThat(registered.body()).contains("\"functionName\":\"fn\"", "\"handler\":\"a.B::handleRequest\"");
        CompletableFuture<HttpResponse<String>> extensionEvent = getAsync("/2020-01-01/extension/event/next", id);

        var first = server.submit("req-1", utf8("{}"), 5_000, "Root=1-a").result();
        get("/2018-06-01/runtime/invocation/next", null);
        assertThat(extensionEvent.get(2, TimeUnit.SECONDS).body()).contains("\"eventType\":\"INVOKE\"", "\"requestId\":\"req-1\"");
        post("/2018-06-01/runtime/invocation/req-1/response", "1", null);
        assertThat(first.get(1, TimeUnit.SECONDS).payloadText()).as("the caller does not wait for the extension").isEqualTo("1");

        server.submit("req-2", utf8("{}"), 5_000, "Root=1-b");
        CompletableFuture<HttpResponse<String>> secondNext = getAsync("/2018-06-01/runtime/invocation/next", null);
        Thread.sleep(300);
        assertThat(secondNext).as("held while the extension still works on req-1").isNotDone();
        CompletableFuture<HttpResponse<String>> extensionAgain = getAsync("/2020-01-01/extension/event/next", id);
        assertThat(secondNext.get(2, TimeUnit.SECONDS).headers().firstValue("Lambda-Runtime-Aws-Request-Id")).hasValue("req-2");
        assertThat(extensionAgain.get(2, TimeUnit.SECONDS).body()).contains("\"requestId\":\"req-2\"");
    }

    @Test
    void anUnknownExtensionIdentifier_isRefused() throws Exception {
        server = new RuntimeApiServer(function, "arn");
        assertThat(get("/2020-01-01/extension/event/next", "nope").statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> get(String path, String extensionId) throws Exception {
        return getAsync(path, extensionId).get(5, TimeUnit.SECONDS);
    }

    private CompletableFuture<HttpResponse<String>> getAsync(String path, String extensionId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + server.address() + path)).GET();
        if (extensionId != null) {
            request.header("Lambda-Extension-Identifier", extensionId);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String[] header) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + server.address() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (header != null) {
            request.header(header[0], header[1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
