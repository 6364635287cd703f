package dev.fnlens.collector.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Structure-aware mutations of OTLP JSON: a value somewhere in the tree replaced by one of
 * another type or an edge value (huge numbers, deep nesting, numbers as strings, lone
 * surrogates, nulls), fields dropped or duplicated; then sometimes raw text edits.
 */
final class JsonMutator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private JsonMutator() {
    }

    static byte[] mutate(byte[] otlpJson, Random r) {
        JsonNode root;
        try {
            root = JSON.readTree(otlpJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        for (int i = 1 + r.nextInt(4); i > 0; i--) {
            JsonNode target = containers.get(r.nextInt(containers.size()));
            if (target instanceof ObjectNode object && object.size() > 0) {
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                String name = names.get(r.nextInt(names.size()));
                if (r.nextInt(5) == 0) {
                    object.remove(name);
                } else {
                    object.set(r.nextInt(8) == 0 ? name + "_" : name, hostile(r));
                }
            } else if (target instanceof ArrayNode array) {
                if (array.size() > 0 && r.nextBoolean()) {
                    array.set(r.nextInt(array.size()), hostile(r));
                } else {
                    array.add(r.nextBoolean() && array.size() > 0 ? array.get(0).deepCopy() : hostile(r));
                }
            }
        }
        String text = root.toString();
        if (r.nextInt(4) == 0) {
            text = textEdit(text, r);
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode hostile(Random r) {
        return switch (r.nextInt(16)) {
            case 0 -> F.nullNode();
            case 1 -> F.textNode("");
            case 2 -> F.textNode("\ud800");
            case 3 -> F.numberNode(new BigInteger("9".repeat(1 + r.nextInt(400))));
            case 4 -> F.numberNode(new BigDecimal("1e" + (r.nextBoolean() ? "" : "-") + r.nextInt(100_000)));
            case 5 -> F.numberNode(-1);
            case 6 -> F.textNode("18446744073709551616");
            case 7 -> F.textNode("zz");
            case 8 -> F.booleanNode(r.nextBoolean());
            case 9 -> F.arrayNode();
            case 10 -> F.objectNode();
            case 11 -> nested(r.nextInt(200), r.nextBoolean()); // up to 800 levels; deeper still: see textEdit
            case 12 -> F.objectNode().set("stringValue", F.textNode("x".repeat(r.nextInt(1_000))));
            case 13 -> F.objectNode().set("kvlistValue", F.objectNode().set("values", F.arrayNode()
                    .add(F.objectNode().put("key", "k").set("value", nested(r.nextInt(200), false)))));
            case 14 -> F.numberNode(r.nextDouble() * Math.pow(10, r.nextInt(40)));
            default -> F.textNode(Long.toString(r.nextLong()));
        };
    }

    private static JsonNode nested(int depth, boolean arrays) {
        JsonNode node = F.textNode("leaf");
        for (int i = 0; i < depth; i++) {
            node = arrays ? F.arrayNode().add(node) : F.objectNode().set("arrayValue", F.objectNode()
                    .set("values", F.arrayNode().add(F.objectNode().set("kvlistValue", node))));
        }
        return node;
    }

    private static String textEdit(String text, Random r) {
        int at = r.nextInt(text.length() + 1);
        return switch (r.nextInt(6)) {
            case 0 -> text.substring(0, at);
            case 5 -> text.substring(0, at) + "[".repeat(r.nextInt(20_000)) + text.substring(at);
            case 1 -> text.substring(0, at) + "\\u00" + text.substring(at);
            case 2 -> text.substring(0, at) + "{\"a\":[" + text.substring(at);
            case 3 -> text.substring(0, at) + "\u0000" + text.substring(at);
            default -> text + text;
        };
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        if (node.isContainerNode()) {
            into.add(node);
            node.forEach(child -> collect(child, into));
        }
    }
}
