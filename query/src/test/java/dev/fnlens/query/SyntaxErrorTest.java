package dev.fnlens.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class SyntaxErrorTest {

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("stats count(*) as n by", 1, 23, "expected a field name after 'by'"),
                Arguments.of("stats count() by | limit 5", 1, 18, "expected a field name after 'by', found '|'"),
                Arguments.of("fitler @type = \"REPORT\"", 1, 1, "unknown command 'fitler'"),
                Arguments.of("fields foo(@message)", 1, 8, "unknown function 'foo'"),
                Arguments.of("filter @type = \"REPORT\"\n| stats avg(@duration) by", 2, 26, "expected a field name after 'by'"),
                Arguments.of("filter @type = \"REPORT\"\n# comment\n| stats avg(@duration) bye", 3, 24,
                        "expected '|' or the end of the query, found 'bye'"),
                Arguments.of("filter @message like \"abc", 1, 22, "unterminated string"),
                Arguments.of("filter @message like /abc", 1, 22, "unterminated regular expression"),
                Arguments.of("filter @message like /(/", 1, 22, "invalid regular expression '/(/'"),
                Arguments.of("filter @message like 42", 1, 22, "expected a string or a /regular expression/ after 'like'"),
                Arguments.of("filter count() > 1", 1, 8, "aggregate function 'count' can only be used in stats"),
                Arguments.of("stats @duration", 1, 7, "'@duration' must be inside an aggregate function"),
                Arguments.of("stats a - 1 as b, max(@duration) as a", 1, 7, "'a' must be inside an aggregate function"),
                Arguments.of("stats max(avg(@duration))", 1, 11, "cannot be nested"),
                Arguments.of("fields abs(1, 2)", 1, 8, "function 'abs' takes 1 argument, found 2"),
                Arguments.of("fields concat()", 1, 8, "function 'concat' takes at least 1 argument, found 0"),
                Arguments.of("filter a = 1 fields b", 1, 14, "expected '|' or the end of the query, found 'fields'"),
                Arguments.of("limit 0", 1, 7, "expected a number of rows from 1 to 10000 after 'limit', found '0'"),
                Arguments.of("limit 10001", 1, 7, "from 1 to 10000"),
                Arguments.of("limit", 1, 6, "from 1 to 10000 after 'limit', found the end of the query"),
                Arguments.of("parse @message \"* *\" as a", 1, 16, "the parse pattern has 2 '*' but 1 name(s) follow 'as'"),
                Arguments.of("parse @message \"a b\" as a", 1, 16, "needs at least one '*'"),
                Arguments.of("parse @message \"[*]\"", 1, 21, "expected 'as' and 1 field name(s) after the parse pattern"),
                Arguments.of("parse @message /(\\S+)/", 1, 16, "needs named groups"),
                Arguments.of("stats count() by bin(@timestamp)", 1, 22, "expected a time period such as 5m as argument 1 of bin()"),
                Arguments.of("stats count() by bin(5x)", 1, 22, "invalid time period '5x'"),
                Arguments.of("fields 5m", 1, 8, "a time period such as 5m is only allowed in bin()"),
                Arguments.of("stats pct(@duration, 101)", 1, 7, "must be a number from 0 to 100"),
                Arguments.of("sort", 1, 5, "expected a field name after 'sort'"),
                Arguments.of("sort by", 1, 8, "expected a field name after 'by'"),
                Arguments.of("display", 1, 8, "expected a field name after 'display'"),
                Arguments.of("fields a, ", 1, 10, "expected a field name or expression after ','"),
                Arguments.of("filter a not b", 1, 14, "expected 'like' or 'in' after 'not', found 'b'"),
                Arguments.of("filter a in (1, 2)", 1, 13, "expected '[' after 'in'"),
                Arguments.of("filter (a = 1", 1, 14, "expected ')', found the end of the query"),
                Arguments.of("filter a ! b", 1, 10, "unexpected character '!'"),
                Arguments.of("filter a = 1 |", 1, 15, "expected a command"),
                Arguments.of("", 1, 1, "expected a command"),
                Arguments.of("fields `unclosed", 1, 8, "unterminated field name"),
                Arguments.of("fields count(@message)", 1, 8, "aggregate function 'count' can only be used in stats"),
                Arguments.of("fields abs(*)", 1, 12, "'*' is only allowed in count(*)"),
                Arguments.of("filter and = 1", 1, 8, "expected an expression after 'filter', found 'and'"),
                Arguments.of("filter x = and", 1, 12, "expected an expression, found 'and'"),
                Arguments.of("unnest @message", 1, 1, "unknown command 'unnest'"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("errors")
    void parse_reportsWhereAndWhat(String query, int line, int column, String reason) {
        assertThatThrownBy(() -> Query.parse(query))
                .isInstanceOfSatisfying(QuerySyntaxException.class, e -> {
                    assertThat(e.reason()).contains(reason);
                    assertThat(e.line()).as("line of " + e.getMessage()).isEqualTo(line);
                    assertThat(e.column()).as("column of " + e.getMessage()).isEqualTo(column);
                    assertThat(e.getMessage()).startsWith("line " + line + ", column " + column + ": ");
                });
    }

    @Test
    void parse_rejectsQueriesLongerThanTenThousandCharacters() {
        String longQuery = "filter @message like \"" + "x".repeat(10_000) + "\"";

        assertThatThrownBy(() -> Query.parse(longQuery))
                .isInstanceOf(QuerySyntaxException.class)
                .hasMessageContaining("longer than 10000 characters");
        assertThat(Query.parse("filter @message like \"" + "x".repeat(9_970) + "\"")).isNotNull();
    }

    @Test
    void errorMessage_matchesTheDocumentedShape() {
        assertThatThrownBy(() -> Query.parse("stats count(*) as n by"))
                .hasMessage("line 1, column 23: expected a field name after 'by'");
    }
}
