package dev.fnlens.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fnlens.collector.Collector;
import dev.fnlens.collector.CollectorConfig;
import dev.fnlens.local.template.SamTemplate;
import dev.fnlens.testing.CollectorApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code fnlens local} behaves like Lambda: real JVMs per environment, scale-out with cold starts, warm reuse,
 * throttling, timeouts, asynchronous retries, SQS partial batch failures, API routes — over its real HTTP API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalRuntimeIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    Path work;
    Collector collector;
    CollectorApi collectorApi;
    LocalRuntime runtime;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start(@TempDir Path work) throws IOException {
        this.work = work;
        collector = Collector.start(CollectorConfig.defaults().withDataDir(work.resolve("collector"))
                .withOtlpPort(0).withHttpPort(0));
        collectorApi = new CollectorApi(collector.httpPort());
        Path template = work.resolve("template.yaml");
        String testClasses = Path.of("target", "test-classes").toAbsolutePath().toString();
        String examples = Path.of("target", "fnlens-examples.jar").toAbsolutePath().toString();
        Files.writeString(template, """
                Globals:
                  Function:
                    CodeUri: %s
                    MemorySize: 256
                    Timeout: 20
                Resources:
                  Scaler:
                    Type: AWS::Serverless::Function
                    Properties: {FunctionName: scaler, Handler: dev.fnlens.local.functions.SleepHandler::handleRequest}
                  Sleepy:
                    Type: AWS::Serverless::Function
                    Properties: {FunctionName: sleepy, Handler: dev.fnlens.local.functions.SleepHandler::handleRequest, Timeout: 1}
                  Single:
                    Type: AWS::Serverless::Function
                    Properties:
                      FunctionName: single
                      Handler: dev.fnlens.local.functions.SleepHandler::handleRequest
                      ReservedConcurrentExecutions: 1
                  Failing:
                    Type: AWS::Serverless::Function
                    Properties:
                      FunctionName: failing
                      Handler: dev.fnlens.local.functions.FailingHandler::handleRequest
                      Environment: {Variables: {ATTEMPTS_FILE: %s}}
                  Jobs:
                    Type: AWS::SQS::Queue
                    Properties: {QueueName: jobs, VisibilityTimeout: 2, RedrivePolicy: {maxReceiveCount: 2}}
                  Recorder:
                    Type: AWS::Serverless::Function
                    Properties:
                      FunctionName: recorder
                      Handler: dev.fnlens.local.functions.RecordingQueueHandler::handleRequest
                      Environment: {Variables: {RECORD_FILE: %s}}
                      Events:
                        Jobs: {Type: SQS, Properties: {Queue: !GetAtt Jobs.Arn, BatchSize: 10}}
                  Hello:
                    Type: AWS::Serverless::Function
                    Properties:
                      FunctionName: hello
                      CodeUri: %s
                      Handler: dev.fnlens.examples.HelloHandler::handleRequest
                      Events:
                        Greet: {Type: Api, Properties: {Path: /hello, Method: get}}
                  Checkout:
                    Type: AWS::Serverless::Function
                    Properties: {FunctionName: checkout, CodeUri: %s, Handler: dev.fnlens.examples.OrderHandler::handleRequest}
                """.formatted(testClasses, work.resolve("attempts.txt"), work.resolve("records.txt"), examples, examples));
        RuntimeSettings settings = new RuntimeSettings(RuntimeFiles.locate(work),
                "http://127.0.0.1:" + collector.otlpPort(), "us-east-1", work.resolve("function-logs"));
        runtime = LocalRuntime.start(SamTemplate.parse(template), settings, LocalOptions.defaults().withPort(0)
                .withAsyncRetryDelays(List.of(Duration.ofMillis(300), Duration.ofMillis(600))), System.err::println);
    }

    @AfterAll
    void stop() {
        runtime.close();
        collector.close();
        assertThat(functionJvms()).as("function JVMs left after the runtime stopped").isEmpty();
    }

    @Test
    void twoConcurrentCalls_startTwoEnvironments_andAThirdReusesAWarmOne() throws Exception {
        var first = CompletableFuture.supplyAsync(() -> invoke("scaler", "{\"ms\":1500}"));
        var second = CompletableFuture.supplyAsync(() -> invoke("scaler", "{\"ms\":1500}"));
        long pid1 = pid(first.get());
        long pid2 = pid(second.get());
        long pid3 = pid(invoke("scaler", "{\"ms\":0}"));

        assertThat(pid1).isNotEqualTo(pid2);
        assertThat(pid3).isIn(pid1, pid2);
        assertThat(runtime.function("scaler").environmentCount()).isEqualTo(2);
        List<JsonNode> reports = collectorApi.awaitEvents("/aws/lambda/scaler", "REPORT",
                found -> found.size() == 3, Duration.ofSeconds(30));
        assertThat(reports).hasSize(3);
        assertThat(reports.stream().filter(r -> r.path("@message").asText().contains("Init Duration"))).as("cold starts").hasSize(2);
    }

    @Test
    void reservedConcurrencyOne_throttlesTheSecondConcurrentCall() throws Exception {
        var slow = CompletableFuture.supplyAsync(() -> invoke("single", "{\"ms\":2000}"));
        Thread.sleep(700); // the first call holds the only environment
        HttpResponse<String> throttled = invoke("single", "{\"ms\":0}");

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("X-Amzn-ErrorType")).hasValue("TooManyRequestsException");
        assertThat(slow.get().statusCode()).isEqualTo(200);
    }

    @Test
    void anInvocationPastItsTimeout_getsTheLambdaError_andTheEnvironmentIsReplaced() throws Exception {
        long before = pid(invoke("sleepy", "{\"ms\":0}"));
        HttpResponse<String> timedOut = invoke("sleepy", "{\"ms\":5000}");
        HttpResponse<String> after = invoke("sleepy", "{\"ms\":0}");

        assertThat(timedOut.statusCode()).isEqualTo(200);
        assertThat(timedOut.headers().firstValue("X-Amz-Function-Error")).hasValue("Unhandled");
        assertThat(JSON.readTree(timedOut.body()).path("errorMessage").asText()).endsWith("Task timed out after 1.00 seconds");
        assertThat(pid(after)).isNotEqualTo(before);
        assertThat(ProcessHandle.of(before)).isEmpty();
    }

    @Test
    void aFailingEventInvocation_isTriedThreeTimesInAll() throws Exception {
        HttpResponse<String> accepted = send(HttpRequest.newBuilder(invokeUri("failing"))
                .header("X-Amz-Invocation-Type", "Event").POST(HttpRequest.BodyPublishers.ofString("{\"n\":1}")));

        assertThat(accepted.statusCode()).isEqualTo(202);
        Path attempts = work.resolve("attempts.txt");
        await(() -> lines(attempts).size() >= 3, Duration.ofSeconds(30));
        Thread.sleep(1_500); // no fourth attempt
        assertThat(lines(attempts)).hasSize(3).doesNotHaveDuplicates();
    }

    @Test
    void aBatchItemFailure_redeliversOnlyThatMessage_untilItIsDeadLettered() throws Exception {
        for (String body : List.of("ok-1", "fail-2", "ok-3")) {
            assertThat(send(HttpRequest.newBuilder(URI.create(base() + "/queues/jobs"))
                    .POST(HttpRequest.BodyPublishers.ofString(body))).statusCode()).isEqualTo(200);
        }
        Path records = work.resolve("records.txt");
        await(() -> runtime.queue("jobs").deadLetters().size() == 1, Duration.ofSeconds(30));

        assertThat(lines(records)).containsExactlyInAnyOrder("1:ok-1", "1:fail-2", "1:ok-3", "2:fail-2");
        JsonNode queue = JSON.readTree(send(HttpRequest.newBuilder(URI.create(base() + "/queues/jobs")).GET()).body());
        assertThat(queue.path("deadLetters").get(0).path("body").asText()).isEqualTo("fail-2");
        assertThat(queue.path("depth").asInt()).isZero();
    }

    @Test
    void anApiRoute_reachesTheGreetingFunction_andItsAnswerComesBackAsHttp() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base() + "/hello?name=Ada")).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(JSON.readTree(response.body()).path("message").asText()).isEqualTo("Hello, Ada! Welcome to AWS Lambda.");
    }

    @Test
    void unknownFunctions_andUnknownInvocationTypes_getLambdasErrors() throws Exception {
        HttpResponse<String> missing = invoke("nope", "{}");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("X-Amzn-ErrorType")).hasValue("ResourceNotFoundException");

        HttpResponse<String> badType = send(HttpRequest.newBuilder(invokeUri("scaler"))
                .header("X-Amz-Invocation-Type", "Later").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(send(HttpRequest.newBuilder(invokeUri("scaler")).header("X-Amz-Invocation-Type", "DryRun")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))).statusCode()).isEqualTo(204);
    }

    @Test
    void theAwsSdk_invokesFunctions_throughTheInvokeApi() {
        try (LambdaClient lambda = LambdaClient.builder()
                .endpointOverride(URI.create(base()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build()) {
            InvokeResponse hello = lambda.invoke(r -> r.functionName("hello").payload(SdkBytes.fromUtf8String("{\"name\":\"Sdk\"}")));
            assertThat(hello.statusCode()).isEqualTo(200);
            assertThat(hello.functionError()).isNull();
            assertThat(hello.payload().asUtf8String()).contains("Hello, Sdk! Welcome to AWS Lambda.");

            InvokeResponse rejected = lambda.invoke(r -> r.functionName("arn:aws:lambda:us-east-1:000000000000:function:checkout")
                    .payload(SdkBytes.fromUtf8String("{\"orderId\":\"o-1\",\"quantity\":0,\"unitPrice\":1}")));
            assertThat(rejected.functionError()).isEqualTo("Unhandled");
            assertThat(rejected.payload().asUtf8String()).contains("java.lang.IllegalArgumentException");

            InvokeResponse queued = lambda.invoke(r -> r.functionName("hello").invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String("{}")));
            assertThat(queued.statusCode()).isEqualTo(202);

            assertThatThrownBy(() -> lambda.invoke(r -> r.functionName("missing").payload(SdkBytes.fromUtf8String("{}"))))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }

    private HttpResponse<String> invoke(String function, String payload) {
        try {
            return send(HttpRequest.newBuilder(invokeUri(function)).POST(HttpRequest.BodyPublishers.ofString(payload)));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI invokeUri(String function) {
        return URI.create(base() + "/2015-03-31/functions/" + function + "/invocations");
    }

    private String base() {
        return "http://127.0.0.1:" + runtime.port();
    }

    private static long pid(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return JSON.readTree(response.body()).path("pid").asLong();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).as("condition met within " + timeout).isTrue();
    }

    static List<ProcessHandle> functionJvms() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("AWSLambda")).toList();
    }
}
