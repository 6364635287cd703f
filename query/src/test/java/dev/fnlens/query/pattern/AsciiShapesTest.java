package dev.fnlens.query.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.fnlens.query.runtime.Deadline;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written shaper against the regex it replaces, which stays the definition. */
class AsciiShapesTest {

    private final MessageShapes regex = new MessageShapes(Deadline.none());

    /** Pieces that start, end or break one of the regex's alternatives, put together at random. */
    static final String[] PIECES = {
        "0", "1", "7", "42", "123", "1234", "99999", "123456", "a", "f", "F", "g", "z", "G", "x", "X", "T", "Z", "_",
        "-", ".", ",", ":", "::", "\"", "'", "\\", "\n", "\r", " ", "\t", "+", "#", "{", "}", "[", "]", "/", "=",
        "0x", "0X1f", "0xg", "deadbeef", "abcdef", "cafe", "dcbadbdedcacdafc", "3fa85f64-5717-4562-b3fc-2c963f66afa6", "3fa85f64-5717-4562-b3fc-2c963f66afa",
        "2024-05-01T10:00:00", "2024-05-01 10:00:00", ".123", ",5", "+02:00", "-0530", "+1", "10.0.0.1", "1.2.3.4:8080",
        "256.1.1.1", "1.2.3", "fe80::1", "::1", "1:2:3:4:5:6:7:8:9", "abcd:ef01::", "12345::1", "\"key\"", "\"k\" :",
        "'it'", "can't", "v2", "attempt#3", "a..1", "x-1", "1-", "1.", "a.b.c1", "\\\"", "\\'", "\\\n",
    };

    @Test
    void randomText_shapesAsTheRegexDoes() {
        Random random = new Random(20261127);
        for (int round = 0; round < 300_000; round++) {
            assertSameShape(joined(random, PIECES, 1 + random.nextInt(12)));
        }
    }

    @Test
    void randomCharacters_shapeAsTheRegexDoes() {
        String alphabet = "0129afAFgxXTZ_-.,:\"'\\\n\r \t\u000B+#";
        Random random = new Random(7);
        for (int round = 0; round < 300_000; round++) {
            char[] text = new char[1 + random.nextInt(24)];
            for (int i = 0; i < text.length; i++) {
                text[i] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            assertSameShape(new String(text));
        }
    }

    /** Long texts of quotes that mostly never close: later scans stop where earlier ones failed. */
    @Test
    void quotesThatDoNotClose_shapeAsTheRegexDoes() {
        String[] pieces = {"\"", "'", "\\", "\\\"", "\\'", "\n", "\r", " ", "a", "1", ":", "\"k\":", "x'"};
        Random random = new Random(11);
        for (int round = 0; round < 20_000; round++) {
            assertSameShape(joined(random, pieces, 1 + random.nextInt(200)));
        }
    }

    /** Each quote scanned to the end again made this quadratic: about 15 s for 500 KB, a quarter of an hour here. */
    @Test
    void aMegabyteOfUnclosedQuotes_isShapedInOnePass() {
        String escaped = "\\\"".repeat(500_000);
        String single = " \\'".repeat(300_000);

        String[] shapes = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> new String[] {AsciiShapes.shape(escaped), AsciiShapes.shape(single)});

        assertThat(shapes[0]).isEqualTo(escaped);
        assertThat(shapes[1]).isEqualTo(single);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "START RequestId: 8f507cfc-0a1b-4697-b07a-ac58fc914c95 Version: $LATEST",
        "REPORT RequestId: 8f507cfc-0a1b-4697-b07a-ac58fc914c95\tDuration: 12.50 ms\tBilled Duration: 13 ms\t"
                + "Memory Size: 512 MB\tMax Memory Used: 88 MB\tXRAY TraceId: 1-5759e988-bd862e3fe1be46a994272793\t"
                + "SegmentId: dcbadbdedcacdafc\tSampled: true",
        "2024-05-01T10:00:00.123Z\t8f507cfc-0a1b-4697-b07a-ac58fc914c95\tERROR\t{\"errorType\":\"java.io.IOException\","
                + "\"errorMessage\":\"disk 3 full\",\"stackTrace\":[\"a.B.c(B.java:12)\"]}",
        "{\"level\":\"INFO\",\"cold_start\":true,\"function_request_id\":\"c6af9ac6-7b61-11e6-9a41-93e812345678\"}",
    })
    void logLines_shapeAsTheRegexDoes(String line) {
        assertSameShape(line);
    }

    @Test
    void nonAsciiText_isLeftToTheRegex() {
        assertThat(AsciiShapes.applies("order 7 done")).isTrue();
        assertThat(AsciiShapes.applies("commande n° 7")).isFalse();
        assertThat(regex.shape("commande n° 7 prête")).isEqualTo("commande n° <*> prête");
    }

    /** {@code count} pieces drawn at random, one after another. */
    static String joined(Random random, String[] pieces, int count) {
        StringBuilder text = new StringBuilder();
        for (int p = 0; p < count; p++) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }

    private void assertSameShape(String text) {
        assertThat(AsciiShapes.shape(text)).as("%s", text.replace("\n", "\\n").replace("\r", "\\r"))
                .isEqualTo(regex.shapeByRegex(text));
    }
}
