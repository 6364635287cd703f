package dev.fnlens.local.http;

import dev.fnlens.local.template.FunctionEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ApiGatewayEventsTest {
    static final FunctionEvent.HttpRoute REST = new FunctionEvent.HttpRoute("Api", "/hello/{name}", "GET");
    static final FunctionEvent.HttpRoute HTTP_API = new FunctionEvent.HttpRoute("HttpApi", "/things", "POST");

    @Test
    void restApiEvent_carriesPathQueryAndContext_inPayloadFormat1() {
        String event = text(ApiGatewayEvents.request(REST, request("GET", "/hello/ada", "x=1", new byte[0])));

        assertThat(event).contains("\"resource\":\"/hello/{name}\"", "\"path\":\"/hello/ada\"", "\"httpMethod\":\"GET\"",
                "\"queryStringParameters\":{\"x\":\"1\"}", "\"pathParameters\":{\"name\":\"ada\"}",
                "\"body\":null", "\"isBase64Encoded\":false");
    }

    @Test
    void httpApiEvent_isPayloadFormat2_andBinaryBodiesAreBase64() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', (byte) 0xff};
        String event = text(ApiGatewayEvents.request(HTTP_API, request("POST", "/things", null, png)));

        assertThat(event).contains("\"version\":\"2.0\"", "\"routeKey\":\"POST /things\"", "\"rawPath\":\"/things\"",
                "\"isBase64Encoded\":true", "\"body\":\"iVBOR/8=\"");
    }

    @Test
    void proxyAnswer_becomesTheHttpResponse() {
        var answer = ApiGatewayEvents.response(REST, bytes(
                "{\"statusCode\":201,\"headers\":{\"X-A\":\"b\"},\"body\":\"created\"}"));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.headers()).containsEntry("X-A", "b");
        assertThat(text(answer.body())).isEqualTo("created");
        assertThat(text(ApiGatewayEvents.response(REST, bytes(
                "{\"statusCode\":200,\"body\":\"aGk=\",\"isBase64Encoded\":true}")).body())).isEqualTo("hi");
    }

    @Test
    void aPlainAnswer_isA200ForHttpApis_andABadGatewayForRestApis() {
        assertThat(ApiGatewayEvents.response(HTTP_API, bytes("{\"ok\":true}")).status()).isEqualTo(200);
        assertThat(ApiGatewayEvents.response(REST, bytes("{\"ok\":true}")).status()).isEqualTo(502);
    }

    @Test
    void greedyPathParameters_becomeJavalinWildcards() {
        assertThat(ApiRoutes.javalinPath("/files/{proxy+}")).isEqualTo("/files/<proxy>");
        assertThat(ApiRoutes.javalinPath("/hello/{name}")).isEqualTo("/hello/{name}");
    }

    private static HttpRequestData request(String method, String path, String query, byte[] body) {
        Map<String, List<String>> queryParams = query == null ? Map.of() : Map.of(query.split("=")[0], List.of(query.split("=")[1]));
        Map<String, String> pathParams = path.startsWith("/hello/") ? Map.of("name", path.substring(7)) : Map.of();
        return new HttpRequestData(method, path, query, Map.of("User-Agent", List.of("test")), queryParams, pathParams, body, "127.0.0.1");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
