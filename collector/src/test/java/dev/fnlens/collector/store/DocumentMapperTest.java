package dev.fnlens.collector.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fnlens.collector.event.LogEvent;
import java.util.Arrays;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;
import org.junit.jupiter.api.Test;

class DocumentMapperTest {
    @Test
    void jsonValuesThatMakePoorTerms_areLeftToTheMessage_whenItHoldsThemAsWritten() {
        String line = "{\"timestamp\":\"2026-01-03T00:00:00.400Z\",\"level\":\"INFO\","
                + "\"message\":\"Fetched 23 items from table orders\",\"function_request_id\":\"5f0e5a3c-1b2d-4e6f-8a9b-0c1d2e3f4a5b\","
                + "\"note\":\"said \\\"hi\\\" to everyone here\",\"short\":\"a b\"}";
        Document doc = DocumentMapper.toDocument(LogEvent.of(0, 0, "g", "s", line), 1, 0, Set.of());

        assertThat(values(doc, Schema.JSON_TERMS)).containsExactlyInAnyOrder(
                Schema.jsonTerm("level", "INFO"), Schema.jsonTerm("short", "a b"),
                Schema.jsonTerm("note", "said \"hi\" to everyone here")); // escaped in the line: its term stays
        assertThat(values(doc, Schema.JSON_IN_MESSAGE)).containsExactlyInAnyOrder("timestamp", "message",
                "function_request_id");
    }

    private static String[] values(Document doc, String field) {
        return Arrays.stream(doc.getFields(field)).map(IndexableField::stringValue).toArray(String[]::new);
    }
}
