package dev.fnlens.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OperatorsTest {

    static final MapEvent EVENT = MapEvent.of("a", 7L, "b", 2.5, "s", "Hello World", "n", "42", "z", 0L, "neg", -3,
            "odd field", 1L, "order.items.0.sku", "sku-1", "flag", true);

    static Stream<Arguments> expressions() {
        return Stream.of(
                // arithmetic
                Arguments.of("a + b", "9.5"),
                Arguments.of("a - b", "4.5"),
                Arguments.of("a * 2", "14"),
                Arguments.of("a / 2", "3.5"),
                Arguments.of("a % 4", "3"),
                Arguments.of("2 ^ 10", "1024"),
                Arguments.of("-a", "-7"),
                Arguments.of("neg * -1", "3"),
                Arguments.of(".5 + 1", "1.5"),
                Arguments.of("1.5e3", "1500"),
                Arguments.of("0.1 + 0.2", "0.30000000000000004"),
                Arguments.of("1 + 2 * 3", "7"),
                Arguments.of("(1 + 2) * 3", "9"),
                Arguments.of("10 - 4 - 3", "3"),
                Arguments.of("7 / 2 * 2", "7"),
                Arguments.of("2 ^ 3 ^ 2", "512"),
                Arguments.of("-2 ^ 2", "-4"),
                Arguments.of("a / z", null),
                Arguments.of("a % z", null),
                Arguments.of("n + 1", "43"),
                Arguments.of("s + 1", null),
                Arguments.of("missing + 1", null),
                Arguments.of("flag + 1", "2"),
                // comparisons
                Arguments.of("a = 7", "true"),
                Arguments.of("a = 7.0", "true"),
                Arguments.of("n = 42", "true"),
                Arguments.of("n = 42.0", "true"),
                Arguments.of("n = \"42.0\"", "false"), // two strings: equal only as written
                Arguments.of("a = \"7\"", "true"),
                Arguments.of("s = 'Hello World'", "true"),
                Arguments.of("s = \"hello world\"", "false"),
                Arguments.of("a != 7", "false"),
                Arguments.of("a != 8", "true"),
                Arguments.of("missing = 7", "false"),
                Arguments.of("missing != 7", "false"),
                Arguments.of("not missing = 7", "true"),
                Arguments.of("a < 10", "true"),
                Arguments.of("a <= 7", "true"),
                Arguments.of("a > 7", "false"),
                Arguments.of("a >= 7", "true"),
                Arguments.of("n > 5", "true"),
                Arguments.of("n > \"5\"", "true"),
                Arguments.of("s < 't'", "true"),
                Arguments.of("a > s", "false"),
                Arguments.of("a < s", "false"),
                Arguments.of("missing < 1", "false"),
                // logic
                Arguments.of("a = 7 and b = 2.5", "true"),
                Arguments.of("a = 1 and b = 2.5", "false"),
                Arguments.of("a = 1 or b = 2.5", "true"),
                Arguments.of("not a = 7", "false"),
                Arguments.of("a = 1 or a = 2 and a = 7", "false"),
                Arguments.of("(a = 1 or a = 7) and not b > 3", "true"),
                Arguments.of("a = 1 and missing", "false"),
                // in
                Arguments.of("a in [1, 7, 9]", "true"),
                Arguments.of("a in [1, 2]", "false"),
                Arguments.of("neg in [-3]", "true"),
                Arguments.of("s in [\"x\", 'Hello World']", "true"),
                Arguments.of("a not in [1, 2]", "true"),
                Arguments.of("a not in [7]", "false"),
                Arguments.of("n in [42]", "true"),
                Arguments.of("missing in [1]", "false"),
                Arguments.of("missing not in [1]", "false"),
                Arguments.of("a in []", "false"),
                // like and regex
                Arguments.of("s like \"World\"", "true"),
                Arguments.of("s like \"world\"", "false"),
                Arguments.of("s like /w.rld/", "false"),
                Arguments.of("s like /(?i)w.rld/", "true"),
                Arguments.of("s =~ /^Hello/", "true"),
                Arguments.of("s like /^World/", "false"),
                Arguments.of("s like /o W/", "true"),
                Arguments.of("s not like \"xyz\"", "true"),
                Arguments.of("s not like /World$/", "false"),
                Arguments.of("missing not like \"x\"", "false"),
                Arguments.of("missing like /.*/", "false"),
                Arguments.of("a like \"7\"", "true"),
                Arguments.of("s like /a\\/b/", "false"),
                // names
                Arguments.of("`odd field` + 1", "2"),
                Arguments.of("order.items.0.sku", "sku-1"),
                Arguments.of("`order.items.0.sku`", "sku-1"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("expressions")
    void expression_hasKnownValue(String expression, String expected) {
        assertThat(Answers.eval(expression, EVENT)).isEqualTo(expected);
    }

    @Test
    void filter_keepsRowsWhereConditionHolds_andComparisonsWithMissingAreFalse() {
        List<MapEvent> events = List.of(MapEvent.of("x", 1L), MapEvent.of("x", 5L), MapEvent.of("y", 5L),
                MapEvent.of("x", "5"), MapEvent.of("x", "five"));

        assertThat(Answers.rows("filter x = 5 | fields x", events)).hasSize(2);
        assertThat(Answers.rows("filter x != 5 | fields x", events)).hasSize(2); // 1 and "five"; not the missing one
        assertThat(Answers.rows("filter not x = 5 | fields x", events)).hasSize(3); // includes the missing one
        assertThat(Answers.rows("filter x > 2 | fields x", events)).hasSize(2);
        assertThat(Answers.rows("filter ispresent(x) | fields x", events)).hasSize(4);
    }

    @Test
    void keywordsAndCommandsAreCaseInsensitive_functionsToo() {
        List<MapEvent> events = List.of(MapEvent.of("s", "a"), MapEvent.of("s", "b"));

        assertThat(Answers.rows("FILTER s = 'a' AND NOT s = 'b' | FIELDS TOUPPER(s) AS u", events))
                .containsExactly(java.util.Map.of("u", "A"));
    }
}
