package dev.fnlens.collector.alert.persist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A JSON document kept durably in one file ({@link DurableFiles#write}), readable only by its owner. */
public final class JsonFile {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    public JsonFile(Path file) {
        this.file = file;
    }

    /** The stored document, or null when there is none yet. */
    public JsonNode read() throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public <T> T read(Class<T> type) throws IOException {
        JsonNode tree = read();
        return tree == null ? null : JSON.treeToValue(tree, type);
    }

    public void write(Object value) throws IOException {
        DurableFiles.write(file, JSON.writeValueAsBytes(value));
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }
}
