package dev.fnlens.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryCommandTest {
    @Test
    void printTable_alignsColumns_andNeutralisesControlCharacters() throws Exception {
        var answer = new ObjectMapper().readTree("""
                {"columns":["@log","count()"],"results":[
                  [{"field":"@log","value":"/aws/lambda/hello"},{"field":"count()","value":"12"}],
                  [{"field":"@log","value":"/aws/lambda/a\\u001b[31m"},{"field":"count()","value":"3"}]]}
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        QueryCommand.printTable(answer, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "@log                count()",
                "------------------  -------",
                "/aws/lambda/hello   12",
                "/aws/lambda/a\u2420[31m  3");
    }

    @Test
    void since_understandsUnits_andRefusesNonsense() {
        assertThat(QueryCommand.since("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(QueryCommand.since("2w")).isEqualTo(Duration.ofDays(14));
        assertThatThrownBy(() -> QueryCommand.since("yesterday")).hasMessageContaining("--since");
    }
}
