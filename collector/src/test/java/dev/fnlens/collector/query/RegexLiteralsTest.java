package dev.fnlens.collector.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RegexLiteralsTest {

    private static final List<String> TEXTS = List.of("ERROR disk full", "WARN slow", "error: Task timed out",
            "java.net.SocketTimeoutException", "a|b", "(x)", "INFO fine", "", "Failed to fail", "5dd");

    @Test
    void alternatives_splitTopLevelBranches_andAGroupThatIsTheWholeRegex() {
        assertThat(RegexLiterals.alternatives("ERROR|WARN")).containsExactly("ERROR", "WARN");
        assertThat(RegexLiterals.alternatives("(?i)(Exception|error|fail|5dd)"))
                .containsExactly("(?i)Exception", "(?i)error", "(?i)fail", "(?i)5dd");
        assertThat(RegexLiterals.alternatives("(?:ERROR|WARN)")).containsExactly("ERROR", "WARN");
        assertThat(RegexLiterals.alternatives("ERROR \\d+|(WARN|INFO) [a|b]|x\\|y"))
                .containsExactly("ERROR \\d+", "(WARN|INFO) [a|b]", "x\\|y");
    }

    @Test
    void alternatives_leaveAloneWhatIsNoAlternation() {
        for (String regex : List.of("ERROR", "(ERROR|WARN)+", "(ERROR|WARN) disk", "(?=ERROR|WARN)", "(?i:ERROR|WARN)",
                "[|]", "a\\|b", "x|(?i)warn|info", "x|(?-i:warn)", "\\QERROR|WARN\\E", "(?x)ERROR | WARN")) {
            assertThat(RegexLiterals.alternatives(regex)).as(regex).containsExactly(regex);
        }
    }

    @Test
    void alternatives_matchWhatTheRegexMatches() {
        for (String regex : List.of("ERROR|WARN", "(?i)(exception|error|fail|5dd)", "(?:a\\|b|\\(x\\))", "(?i)(warn|)",
                "Task timed out|Socket\\w+Exception", "(fail|FAIL)|(?i)disk", "x|(?i)warn|info")) {
            for (String text : TEXTS) {
                boolean whole = Pattern.compile(regex).matcher(text).find();
                boolean anyBranch = RegexLiterals.alternatives(regex).stream()
                        .anyMatch(b -> Pattern.compile(b).matcher(text).find());
                assertThat(anyBranch).as(regex + " on " + text).isEqualTo(whole);
            }
        }
    }

    @Test
    void plainText_isTextWithoutRegexCharacters() {
        assertThat(RegexLiterals.plainText("Init Duration")).isEqualTo("Init Duration");
        assertThat(RegexLiterals.plainText("(?i)error")).isNull();
        assertThat(RegexLiterals.plainText("a.b")).isNull();
        assertThat(RegexLiterals.plainText("")).isNull();
    }

    @Test
    void required_areTheTopLevelRuns() {
        assertThat(RegexLiterals.required("Task timed out after \\d+\\.\\d+ seconds"))
                .containsExactly("Task timed out after ", ".", " seconds");
        assertThat(RegexLiterals.required("ERROR|WARN")).isEmpty();
    }
}
