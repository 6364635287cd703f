package dev.fnlens.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.query.pattern.MessageShapes;
import dev.fnlens.query.runtime.Deadline;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageShapesTest {

    private final MessageShapes shapes = new MessageShapes(Deadline.none());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "START RequestId: 8f507cfc-xmpl-4697-b07a-ac58fc914c95 Version: $LATEST | START RequestId: <*> Version: $LATEST",
            "user 42 logged in from 10.0.0.1:8080 | user <*> logged in from <*>",
            "id 3fa85f64-5717-4562-b3fc-2c963f66afa6 done | id <*> done",
            "at 2024-05-01T10:00:00.123Z took 12.5 ms | at <*> took <*> ms",
            "ptr 0xDEADBEEF from fe80::1:2:3 | ptr <*> from <*>",
            "can't connect, won't retry | can't connect, won't retry",
            "{\"msg\": \"order 7\", \"ok\": true} | {\"msg\": <*>, \"ok\": true}",
            "{\"level\":\"INFO\",\"count\":3} | {\"level\":<*>,\"count\":<*>}",
            "said 'hello there' twice | said <*> twice",
            "no variables here. | no variables here.",
            "retry v2 attempt#3 | retry <*> attempt#<*>",
            "SegmentId: dcbadbdedcacdafc\tSampled: true | SegmentId: <*>\tSampled: true",
            "cache deadbeef.cafe decaf | cache deadbeef.cafe decaf"})
    void shape_replacesVariableTokens(String message, String shape) {
        assertThat(shapes.shape(message)).isEqualTo(shape);
    }
}
