package dev.fnlens.local.template;

/** What invokes a function, from the {@code Events} of an {@code AWS::Serverless::Function}. */
public sealed interface FunctionEvent {

    /** An {@code Api} (REST API, payload 1.0) or {@code HttpApi} (payload 2.0) route. */
    record HttpRoute(String type, String path, String method) implements FunctionEvent {
        public boolean isHttpApi() {
            return type.equals("HttpApi");
        }
    }

    /** An EventBridge schedule: {@code rate(5 minutes)} or {@code cron(0 12 * * ? *)}. */
    record Schedule(String name, String expression) implements FunctionEvent {
    }

    /** An SQS queue the function polls, in batches of up to {@code batchSize}. */
    record Sqs(String queue, int batchSize) implements FunctionEvent {
    }
}
