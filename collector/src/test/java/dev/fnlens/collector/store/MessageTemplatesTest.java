package dev.fnlens.collector.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.collector.event.LogEvent;
import dev.fnlens.collector.store.MessageTemplates.Part;
import org.junit.jupiter.api.Test;

class MessageTemplatesTest {
    private static final Part DURATION = part(LogEvent.DURATION);
    private static final Part BILLED = part(LogEvent.BILLED_DURATION);
    private static final Part MEMORY = part(LogEvent.MEMORY_SIZE);

    @Test
    void numbers_areWrittenAsLambdaWritesThem() {
        assertThat(written(DURATION, 0.05)).isEqualTo("0.05");
        assertThat(written(DURATION, 102.3)).isEqualTo("102.30");
        assertThat(written(DURATION, 9_999_999_999_999.99)).isEqualTo("9999999999999.99");
        assertThat(written(BILLED, 0)).isEqualTo("0");
        assertThat(written(BILLED, 1e15)).isEqualTo("1000000000000000");
        assertThat(written(MEMORY, 512e6)).isEqualTo("512");
    }

    @Test
    void numbersNotWrittenSo_areNot() {
        assertThat(written(DURATION, 0.125)).as("three decimals").isNull();
        assertThat(written(DURATION, 1e13)).isNull();
        assertThat(written(DURATION, -1)).isNull();
        assertThat(written(BILLED, 1.5)).isNull();
        assertThat(written(BILLED, 1e16)).isNull();
        assertThat(written(MEMORY, 512_000_001)).as("not whole megabytes").isNull();
        assertThat(written(MEMORY, Double.NaN)).isNull();
    }

    @Test
    void aNumberAsWritten_readsBack_andNothingElseDoes() {
        assertThat(MessageTemplates.readNumber(DURATION, "102.05")).isEqualTo(102.05);
        assertThat(MessageTemplates.readNumber(MEMORY, "512")).isEqualTo(512e6);
        for (String never : new String[] {"0512", "102.5", "102.050", "1e3", "1.2.3", "", ".5", "-1", "NaN"}) {
            assertThat(MessageTemplates.readNumber(DURATION, never)).as(never).isNull();
        }
        assertThat(MessageTemplates.readNumber(BILLED, "102.05")).as("a whole number has no decimals").isNull();
        assertThat(MessageTemplates.readNumber(BILLED, "99999999999999999")).as("over 1e15").isNull();
    }

    private static String written(Part part, double value) {
        char[] chars = new char[MessageTemplates.MAX_NUMBER_CHARS];
        int length = MessageTemplates.writeNumber(part, value, chars);
        String text = length < 0 ? null : new String(chars, 0, length);
        assertThat(MessageTemplates.valueOf(part, field -> field.equals(part.field()) ? value : null))
                .as("the message's own text").isEqualTo(text);
        if (text != null) {
            assertThat(MessageTemplates.readNumber(part, text)).as("read back").isEqualTo(value);
        }
        return text;
    }

    private static Part part(String field) {
        return MessageTemplates.PARTS.get(MessageTemplates.REPORT).stream()
                .filter(p -> p.field().equals(field)).findFirst().orElseThrow();
    }
}
