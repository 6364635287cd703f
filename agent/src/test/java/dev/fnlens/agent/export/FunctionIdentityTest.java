package dev.fnlens.agent.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.agent.config.AgentConfig;
import dev.fnlens.agent.otlp.OtlpResource;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionIdentityTest {
    private static final LocalDate DAY = LocalDate.of(2024, 5, 1);

    @Test
    void functionName_fallsBackToTheHandlersSimpleName() {
        AgentConfig unnamed = AgentConfig.load(null, Map.of());

        assertThat(FunctionIdentity.functionName(unnamed, "com.example.OrderHandler")).isEqualTo("OrderHandler");
        assertThat(FunctionIdentity.functionName(unnamed, "com.example.Handlers$Orders")).isEqualTo("Orders");
        assertThat(FunctionIdentity.functionName(unnamed, "Bare")).isEqualTo("Bare");
        assertThat(FunctionIdentity.functionName(AgentConfig.load("function_name=orders", Map.of()),
                "com.example.OrderHandler")).isEqualTo("orders");
    }

    @Test
    void logStream_isGeneratedInLambdasShape_oncePerEnvironment() {
        FunctionIdentity identity = FunctionIdentity.resolve(AgentConfig.load(null, Map.of()), "p.Greeter", DAY);

        assertThat(identity.logStream()).matches("2024/05/01/\\[\\$LATEST\\][0-9a-f]{32}");
        assertThat(identity.logGroup()).isEqualTo("/aws/lambda/Greeter");
        assertThat(FunctionIdentity.newLogStreamName(DAY, "3")).matches("2024/05/01/\\[3\\][0-9a-f]{32}")
                .isNotEqualTo(FunctionIdentity.newLogStreamName(DAY, "3"));
    }

    @Test
    void lambdasOwnNames_areKept() {
        AgentConfig config = AgentConfig.load(null, Map.of(
                "AWS_LAMBDA_FUNCTION_NAME", "orders",
                "AWS_LAMBDA_LOG_GROUP_NAME", "/custom/group",
                "AWS_LAMBDA_LOG_STREAM_NAME", "2024/05/01/[$LATEST]abc"));

        FunctionIdentity identity = FunctionIdentity.resolve(config, "p.Handler", DAY);

        assertThat(identity.functionName()).isEqualTo("orders");
        assertThat(identity.logGroup()).isEqualTo("/custom/group");
        assertThat(identity.logStream()).isEqualTo("2024/05/01/[$LATEST]abc");
    }

    @Test
    void resource_carriesTheFaasAndCloudAttributes() throws Exception {
        AgentConfig config = AgentConfig.load("memory_size=512", Map.of(
                "AWS_LAMBDA_FUNCTION_NAME", "orders", "AWS_LAMBDA_FUNCTION_VERSION", "4", "AWS_REGION", "eu-west-1"));

        Resource resource = encoded(FunctionIdentity.resolve(config, "p.Handler", DAY));

        assertThat(string(resource, "service.name")).isEqualTo("orders");
        assertThat(string(resource, "faas.name")).isEqualTo("orders");
        assertThat(string(resource, "faas.version")).isEqualTo("4");
        assertThat(string(resource, "faas.instance")).matches("2024/05/01/\\[4\\][0-9a-f]{32}");
        assertThat(Decoded.integer(resource.getAttributesList(), "faas.max_memory")).isEqualTo(512L * 1024 * 1024);
        assertThat(string(resource, "cloud.provider")).isEqualTo("aws");
        assertThat(string(resource, "cloud.platform")).isEqualTo("aws_lambda");
        assertThat(string(resource, "cloud.region")).isEqualTo("eu-west-1");
        assertThat(string(resource, "fnlens.log_group")).isEqualTo("/aws/lambda/orders");
        assertThat(string(resource, "telemetry.sdk.language")).isEqualTo("java");
        assertThat(string(resource, "telemetry.sdk.name")).isEqualTo("fnlens");
        assertThat(resource.getAttributesList()).extracting(KeyValue::getKey).doesNotHaveDuplicates();
    }

    @Test
    void resource_omitsTheRegion_whenUnknown() throws Exception {
        Resource resource = encoded(FunctionIdentity.resolve(AgentConfig.load(null, Map.of()), "p.H", DAY));

        assertThat(string(resource, "cloud.region")).isNull();
    }

    private static Resource encoded(FunctionIdentity identity) throws Exception {
        return Resource.parseFrom(new OtlpResource(identity.resourceAttributes(), "s").resourceBytes());
    }

    private static String string(Resource resource, String key) {
        return Decoded.string(resource.getAttributesList(), key);
    }
}
