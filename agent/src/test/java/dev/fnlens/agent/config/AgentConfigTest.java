package dev.fnlens.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentConfigTest {

    @Test
    void defaults_withoutArgsOrEnvironment() {
        AgentConfig config = AgentConfig.load(null, Map.of());

        assertThat(config.enabled()).isTrue();
        assertThat(config.endpoint()).isEqualTo("http://127.0.0.1:4318");
        assertThat(config.tracesUrl()).isEqualTo("http://127.0.0.1:4318/v1/traces");
        assertThat(config.functionName()).isNull();
        assertThat(config.functionVersion()).isEqualTo("$LATEST");
        assertThat(config.memorySizeMb()).isEqualTo(128);
        assertThat(config.logGroup()).isNull();
        assertThat(config.logStream()).isNull();
        assertThat(config.region()).isNull();
        assertThat(config.coldStartEligible()).isTrue();
        assertThat(config.exportTimeoutMs()).isEqualTo(2_000);
        assertThat(config.flushTimeoutMs()).isEqualTo(3_000);
        assertThat(config.queueSize()).isEqualTo(2_048);
        assertThat(config.debug()).isFalse();
        assertThat(config.gzip()).isFalse();
    }

    @Test
    void compression_gzip_fromArgsOrEnvironment() {
        assertThat(AgentConfig.load("compression=gzip", Map.of()).gzip()).isTrue();
        assertThat(AgentConfig.load(null, Map.of("FNLENS_COMPRESSION", "GZIP")).gzip()).isTrue();
        assertThat(AgentConfig.load("compression=zstd", Map.of()).gzip()).as("unknown: none").isFalse();
    }

    @Test
    void lambdaRuntimeVariables_describeTheFunction() {
        AgentConfig config = AgentConfig.load(null, Map.of(
                "AWS_LAMBDA_FUNCTION_NAME", "orders",
                "AWS_LAMBDA_FUNCTION_VERSION", "12",
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024",
                "AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/orders",
                "AWS_LAMBDA_LOG_STREAM_NAME", "2024/05/01/[12]abc",
                "AWS_REGION", "eu-central-1"));

        assertThat(config.functionName()).isEqualTo("orders");
        assertThat(config.functionVersion()).isEqualTo("12");
        assertThat(config.memorySizeMb()).isEqualTo(1024);
        assertThat(config.logGroup()).isEqualTo("/aws/lambda/orders");
        assertThat(config.logStream()).isEqualTo("2024/05/01/[12]abc");
        assertThat(config.region()).isEqualTo("eu-central-1");
    }

    @Test
    void agentArgs_winOverFnlensEnv_whichWinsOverLambdaEnv() {
        Map<String, String> env = Map.of(
                "AWS_LAMBDA_FUNCTION_NAME", "from-lambda",
                "FNLENS_FUNCTION_NAME", "from-fnlens-env",
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256",
                "FNLENS_ENDPOINT", "http://env:4318");

        assertThat(AgentConfig.load(null, env).functionName()).isEqualTo("from-fnlens-env");
        AgentConfig withArgs = AgentConfig.load("function_name=from-args,memory_size=2048,endpoint=http://args:1/", env);
        assertThat(withArgs.functionName()).isEqualTo("from-args");
        assertThat(withArgs.memorySizeMb()).isEqualTo(2048);
        assertThat(withArgs.endpoint()).isEqualTo("http://args:1");
    }

    @Test
    void invalidNumbersAndBooleans_fallBackToDefaults() {
        AgentConfig config = AgentConfig.load("memory_size=lots,queue_size=-5,export_timeout_ms=0,debug=maybe",
                Map.of("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", " "));

        assertThat(config.memorySizeMb()).isEqualTo(128);
        assertThat(config.queueSize()).isEqualTo(2_048);
        assertThat(config.exportTimeoutMs()).isEqualTo(2_000);
        assertThat(config.debug()).isFalse();
    }

    @Test
    void enabledAndDebug_acceptCommonSpellings() {
        assertThat(AgentConfig.load("enabled=false", Map.of()).enabled()).isFalse();
        assertThat(AgentConfig.load(null, Map.of("FNLENS_ENABLED", "0")).enabled()).isFalse();
        assertThat(AgentConfig.load("debug=on", Map.of()).debug()).isTrue();
    }

    @Test
    void endpoint_withoutScheme_isHttp() {
        assertThat(AgentConfig.load("endpoint=collector:4318/", Map.of()).tracesUrl())
                .isEqualTo("http://collector:4318/v1/traces");
    }

    @Test
    void tracesUrl_acceptsAFullTracesUrl() {
        assertThat(AgentConfig.load("endpoint=http://c:4318/v1/traces", Map.of()).tracesUrl())
                .isEqualTo("http://c:4318/v1/traces");
    }

    @Test
    void coldStart_onlyForOnDemandInitialisation() {
        assertThat(AgentConfig.load(null, Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand")).coldStartEligible())
                .isTrue();
        assertThat(AgentConfig.load(null, Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "provisioned-concurrency"))
                .coldStartEligible()).isFalse();
        assertThat(AgentConfig.load(null, Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start")).coldStartEligible())
                .isFalse();
    }
}
