package dev.fnlens.query.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.fnlens.query.runtime.Deadline;
import dev.fnlens.query.runtime.QueryAbortedException;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Text beyond ASCII: quoted parts by hand, the rest by the regex, against the one regex that defines them all. */
class MessageShapesTest {

    private final MessageShapes shapes = new MessageShapes(Deadline.none());

    /** Characters where the regex's classes, its {@code .} and its word boundaries treat text beyond ASCII. */
    private static final String[] BEYOND_ASCII = {
        "\u00e9", "n\u00b0", "\u00e07", "7\u00e9", "\u0085", "\u2028", "\u2029", "\\\u2028", "\\\u0085", "\"\u00e9\"",
        "'\u00e9'", "\u00e9'", "\ud83d\ude00", "\\\ud83d\ude00", "\ud83d", "\ude00", "\u0661\u0662", "\u00a0", "\u3000",
    };

    @Test
    void randomTextBeyondAscii_shapesAsTheRegexDoes() {
        Random random = new Random(20261128);
        for (int round = 0; round < 200_000; round++) {
            StringBuilder text = new StringBuilder(BEYOND_ASCII[random.nextInt(BEYOND_ASCII.length)]);
            int pieces = random.nextInt(14);
            for (int p = 0; p < pieces; p++) {
                String[] from = random.nextInt(4) == 0 ? BEYOND_ASCII : AsciiShapesTest.PIECES;
                text.insert(random.nextInt(text.length() + 1), from[random.nextInt(from.length)]);
            }
            assertSameShape(text.toString());
        }
    }

    @Test
    void quotesThatDoNotCloseBeyondAscii_shapeAsTheRegexDoes() {
        String[] pieces = {"\"", "'", "\\", "\\\"", "\\'", "\n", "\u2028", " ", "\u00e9", "1", ":", "\"k\":", "x'"};
        Random random = new Random(12);
        for (int round = 0; round < 10_000; round++) {
            assertSameShape("\u00e9" + AsciiShapesTest.joined(random, pieces, random.nextInt(200)));
        }
    }

    /** The regex scans to the end again from each quote: minutes for this. */
    @Test
    void aMegabyteOfUnclosedQuotesBeyondAscii_isShapedInOnePass() {
        String text = "\u00e9 " + "\\\"".repeat(500_000);

        String shape = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> shapes.shape(text));

        assertThat(shape).isEqualTo(text);
    }

    @Test
    void theRegexPart_stopsAtTheDeadline() {
        MessageShapes late = new MessageShapes(Deadline.at(System.nanoTime() - 1, () -> false)); // out of time
        String text = "\u00e9 " + "abc1 ".repeat(10_000);

        assertThatThrownBy(() -> late.shape(text)).isInstanceOf(QueryAbortedException.class);
    }

    private void assertSameShape(String text) {
        assertThat(shapes.shape(text)).as("%s", text.replace("\n", "\\n").replace("\r", "\\r"))
                .isEqualTo(shapes.shapeByRegex(text));
    }
}
