package dev.fnlens.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentArgsTest {

    @Test
    void parse_readsCommaSeparatedKeyValuePairs() {
        assertThat(AgentArgs.parse("endpoint=http://collector:4318,function_name=orders,memory_size=512"))
                .containsExactly(
                        org.assertj.core.api.Assertions.entry("endpoint", "http://collector:4318"),
                        org.assertj.core.api.Assertions.entry("function_name", "orders"),
                        org.assertj.core.api.Assertions.entry("memory_size", "512"));
    }

    @Test
    void parse_normalisesKeySpellings_andTrims() {
        assertThat(AgentArgs.parse(" Function-Name = orders , function.version=3"))
                .containsEntry("function_name", "orders")
                .containsEntry("function_version", "3");
    }

    @Test
    void parse_keepsEqualsSignsInValues() {
        assertThat(AgentArgs.parse("endpoint=http://h:1/?a=b")).containsEntry("endpoint", "http://h:1/?a=b");
    }

    @Test
    void parse_skipsMalformedPairs_insteadOfFailing() {
        assertThat(AgentArgs.parse("debug,=x,,memory_size=256")).containsOnlyKeys("memory_size");
        assertThat(AgentArgs.parse(null)).isEmpty();
        assertThat(AgentArgs.parse("")).isEmpty();
    }

    @Test
    void envName_isTheUpperCasedKeyWithPrefix() {
        assertThat(AgentArgs.envName("function_name")).isEqualTo("FNLENS_FUNCTION_NAME");
    }
}
