package dev.fnlens.local.template;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SamTemplateTest {
    @TempDir
    Path dir;

    @Test
    void parse_readsFunctionsWithGlobalsEventsAndQueues_andToleratesShortTags() throws IOException {
        Files.createFile(dir.resolve("app.jar"));
        SamTemplate template = parse("""
                Globals:
                  Function:
                    Runtime: java21
                    MemorySize: 512
                    CodeUri: app.jar
                    Environment:
                      Variables: {STAGE: dev, LEVEL: info}
                Resources:
                  Orders:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: !Sub '${AWS::StackName}-orders'
                      VisibilityTimeout: 12
                      RedrivePolicy: {maxReceiveCount: 2}
                  Hello:
                    Type: AWS::Serverless::Function
                    Properties:
                      FunctionName: hello
                      Handler: app.Hello::handleRequest
                      Timeout: 7
                      ReservedConcurrentExecutions: 3
                      Environment:
                        Variables: {LEVEL: debug, TABLE: !Ref Table}
                      Events:
                        Get: {Type: Api, Properties: {Path: '/hello/{name}', Method: get}}
                        Any: {Type: HttpApi}
                        Tick: {Type: Schedule, Properties: {Schedule: rate(5 minutes)}}
                        Queue: {Type: SQS, Properties: {Queue: !GetAtt Orders.Arn, BatchSize: 4}}
                """);

        FunctionDefinition hello = template.functions().get(0);
        assertThat(hello.logicalId()).isEqualTo("Hello");
        assertThat(hello.name()).isEqualTo("hello");
        assertThat(hello.spec().runtime()).isEqualTo("java21");
        assertThat(hello.spec().memoryMb()).isEqualTo(512);
        assertThat(hello.spec().timeoutSeconds()).isEqualTo(7);
        assertThat(hello.spec().classpath()).containsExactly(dir.resolve("app.jar"));
        assertThat(hello.spec().environment()).containsEntry("STAGE", "dev").containsEntry("LEVEL", "debug")
                .containsEntry("TABLE", "Table");
        assertThat(hello.reservedConcurrency()).isEqualTo(3);
        assertThat(hello.events()).containsExactly(
                new FunctionEvent.HttpRoute("Api", "/hello/{name}", "GET"),
                new FunctionEvent.HttpRoute("HttpApi", "/{proxy+}", "ANY"),
                new FunctionEvent.Schedule("Tick", "rate(5 minutes)"),
                new FunctionEvent.Sqs("${AWS::StackName}-orders", 4));
        assertThat(template.queues().get("${AWS::StackName}-orders"))
                .isEqualTo(new QueueDefinition("Orders", "${AWS::StackName}-orders", 12, 2));
    }

    @Test
    void parse_appliesLambdaDefaults() throws IOException {
        Files.createDirectories(dir.resolve("classes/lib"));
        Files.createFile(dir.resolve("classes/lib/dep.jar"));
        FunctionDefinition f = parse("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: a.B, CodeUri: classes}
                """).functions().get(0);

        assertThat(f.name()).isEqualTo("Fn");
        assertThat(f.spec().memoryMb()).isEqualTo(128);
        assertThat(f.spec().timeoutSeconds()).isEqualTo(3);
        assertThat(f.spec().runtime()).isEqualTo("java17");
        assertThat(f.spec().classpath()).containsExactly(dir.resolve("classes"), dir.resolve("classes/lib/dep.jar"));
    }

    @Test
    void parse_namesResourceAndProperty_whenAValueIsOutOfRange() throws IOException {
        Files.createFile(dir.resolve("app.jar"));
        assertThatThrownBy(() -> parse("""
                Resources:
                  Big:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: a.B, CodeUri: app.jar, MemorySize: 20000}
                """)).hasMessage("Resources.Big.Properties.MemorySize: must be between 128 and 10240, was 20000");
        assertThatThrownBy(() -> parse("""
                Resources:
                  Slow:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: a.B, CodeUri: app.jar, Timeout: 901}
                """)).hasMessage("Resources.Slow.Properties.Timeout: must be between 1 and 900, was 901");
    }

    @Test
    void parse_refusesOtherRuntimes_missingHandlers_andMissingCode() throws IOException {
        Files.createFile(dir.resolve("app.jar"));
        assertThatThrownBy(() -> parse("""
                Resources:
                  Py:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: app.handler, CodeUri: app.jar, Runtime: python3.12}
                """)).hasMessageStartingWith("Resources.Py.Properties.Runtime: runtime python3.12 is not supported");
        assertThatThrownBy(() -> parse("""
                Resources:
                  NoHandler:
                    Type: AWS::Serverless::Function
                    Properties: {CodeUri: app.jar}
                """)).hasMessage("Resources.NoHandler.Properties.Handler: is required");
        assertThatThrownBy(() -> parse("""
                Resources:
                  Gone:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: a.B, CodeUri: missing.jar}
                """)).hasMessageStartingWith("Resources.Gone.Properties.CodeUri: ").hasMessageContaining("missing.jar");
    }

    @Test
    void parse_refusesBadScheduleExpressions_andUnsupportedEvents() throws IOException {
        Files.createFile(dir.resolve("app.jar"));
        assertThatThrownBy(() -> parse("""
                Resources:
                  Job:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B
                      CodeUri: app.jar
                      Events: {Nightly: {Type: Schedule, Properties: {Schedule: 'every day'}}}
                """)).hasMessageStartingWith("Resources.Job.Properties.Events.Nightly.Properties.Schedule: ");
        assertThatThrownBy(() -> parse("""
                Resources:
                  Job:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B
                      CodeUri: app.jar
                      Events: {Stream: {Type: Kinesis}}
                """)).hasMessageStartingWith("Resources.Job.Properties.Events.Stream.Type: event type Kinesis is not supported");
    }

    @Test
    void parse_reportsInvalidYaml() throws IOException {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, "Resources: [unclosed");
        assertThatThrownBy(() -> SamTemplate.parse(file)).isInstanceOf(TemplateException.class)
                .hasMessageContaining("is not valid YAML");
    }

    private SamTemplate parse(String yaml) throws IOException {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, yaml);
        return SamTemplate.parse(file);
    }
}
