package dev.fnlens.collector.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.collector.store.MessageTemplates.Kind;
import dev.fnlens.collector.store.MessageTemplates.Part;
import dev.fnlens.query.pattern.MessageShapes;
import dev.fnlens.query.runtime.Deadline;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What {@link TemplatedPatternKeys} stands on: in every template a number or an id sits between a label ending in a
 * space and a space, a tab or the end, and there each number a template writes and each id of a compact form is
 * one {@code <*>}, whatever its digits. A template or an id form that breaks this fails here.
 */
class TemplatedPatternKeysTest {
    private final MessageShapes shapes = new MessageShapes(Deadline.none());
    private final Random random = new Random(28);

    @Test
    void numbersAndIds_sitBetweenSpacesOrTabs() {
        for (List<Part> parts : MessageTemplates.PARTS) {
            for (int i = 0; i < parts.size(); i++) {
                Part part = parts.get(i);
                if (i > 0) {
                    assertThat(part.label()).as(part.field()).startsWith("\t");
                }
                if (part.kind() != Kind.TEXT) {
                    assertThat(part.label()).as(part.field()).endsWith(" ");
                    assertThat(part.unit().isEmpty() || part.unit().startsWith(" ") || part.unit().startsWith("\t"))
                            .as(part.field()).isTrue();
                }
            }
        }
    }

    @Test
    void writtenNumbers_areEachOneWildcard() {
        char[] chars = new char[MessageTemplates.MAX_NUMBER_CHARS];
        for (List<Part> parts : MessageTemplates.PARTS) {
            for (Part part : parts) {
                if (part.kind() == Kind.ID || part.kind() == Kind.TEXT) {
                    continue;
                }
                for (int round = 0; round < 2_000; round++) {
                    double v = part.kind() == Kind.MEGABYTES ? random.nextInt(20_000) * 1e6
                            : Math.floor(Math.pow(10, random.nextInt(14)) * random.nextDouble() * 100) / 100;
                    int length = MessageTemplates.writeNumber(part, v, chars);
                    if (length >= 0) {
                        assertOneWildcard(part, new String(chars, 0, length));
                    }
                }
            }
        }
    }

    @Test
    void compactIds_areEachOneWildcard() {
        for (int round = 0; round < 5_000; round++) {
            String uuid = hex(4) + "-" + hex(2) + "-" + hex(2) + "-" + hex(2) + "-" + hex(6);
            String trace = "1-" + hex(4) + "-" + hex(12);
            String hex16 = round % 7 == 0 ? "abcdefabcdefabcd".substring(0, 8) + hex(4) : hex(8);
            for (String id : List.of(uuid, trace, hex16)) {
                assertThat(Ids.isCompact(id)).as(id).isTrue();
                for (List<Part> parts : MessageTemplates.PARTS) {
                    for (Part part : parts) {
                        if (part.kind() == Kind.ID) {
                            assertOneWildcard(part, id);
                        }
                    }
                }
            }
        }
    }

    private void assertOneWildcard(Part part, String value) {
        assertThat(shapes.shape(part.label() + value + part.unit() + "\tNext: x"))
                .as("%s %s", part.field(), value)
                .isEqualTo(shapes.shape(part.label()) + MessageShapes.WILDCARD + shapes.shape(part.unit() + "\tNext: x"));
    }

    /** {@code bytes} random bytes as lower-case hex, now and then letters only (a hex word without a digit). */
    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        String hex = HexFormat.of().formatHex(b);
        return random.nextInt(50) == 0 ? hex.replaceAll("[0-9]", "c") : hex;
    }
}
