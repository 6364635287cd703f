package dev.fnlens.collector.ingest;

import java.util.Locale;
import java.util.Optional;

/** The two OTLP/HTTP encodings. */
public enum OtlpFormat {
    PROTOBUF("application/x-protobuf"),
    JSON("application/json");

    private final String mediaType;

    OtlpFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The format of a {@code Content-Type} header value (parameters ignored), if supported. */
    public static Optional<OtlpFormat> ofContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
                .toLowerCase(Locale.ROOT);
        for (OtlpFormat f : values()) {
            if (f.mediaType.equals(type)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
