package dev.fnlens.collector.tls;

import java.nio.file.Path;
import java.util.Set;

/**
 * HTTPS for both collector ports, from a PEM certificate chain and its private key ({@code tls-cert},
 * {@code tls-key}: what certbot, cert-manager or openssl write) or from a PKCS#12 key store
 * ({@code tls-keystore}, {@code tls-keystore-password}). Without either, both ports serve plain HTTP.
 */
public record TlsConfig(Path certFile, Path keyFile, Path keyStore, String keyStorePassword) {
    public static final TlsConfig NONE = new TlsConfig(null, null, null, null);
    /** The settings, as flags without dashes and config file keys. */
    public static final Set<String> KEYS = Set.of("tls-cert", "tls-key", "tls-keystore", "tls-keystore-password");
    public static final String USAGE =
            " [--tls-cert FILE --tls-key FILE | --tls-keystore FILE [--tls-keystore-password P]]";

    public static TlsConfig pem(Path certFile, Path keyFile) {
        return new TlsConfig(certFile, keyFile, null, null);
    }

    public static TlsConfig pkcs12(Path keyStore, String password) {
        return new TlsConfig(null, null, keyStore, password);
    }

    public boolean enabled() {
        return certFile != null || keyStore != null;
    }

    /** With one setting changed; {@code key} is one of {@link #KEYS}. */
    public TlsConfig with(String key, String value) {
        return switch (key) {
            case "tls-cert" -> new TlsConfig(Path.of(value), keyFile, keyStore, keyStorePassword);
            case "tls-key" -> new TlsConfig(certFile, Path.of(value), keyStore, keyStorePassword);
            case "tls-keystore" -> new TlsConfig(certFile, keyFile, Path.of(value), keyStorePassword);
            case "tls-keystore-password" -> new TlsConfig(certFile, keyFile, keyStore, value);
            default -> throw new IllegalArgumentException("unknown TLS setting " + key);
        };
    }

    /**
     * This config, if its settings go together.
     *
     * @throws IllegalArgumentException naming what is missing or clashing
     */
    public TlsConfig checked() {
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("tls-cert and tls-key go together: "
                    + (certFile == null ? "tls-key is set without tls-cert" : "tls-cert is set without tls-key"));
        }
        if (certFile != null && keyStore != null) {
            throw new IllegalArgumentException("give either tls-cert and tls-key (PEM) or tls-keystore (PKCS#12),"
                    + " not both");
        }
        if (keyStorePassword != null && keyStore == null) {
            throw new IllegalArgumentException("tls-keystore-password is set without tls-keystore");
        }
        return this;
    }

    @Override
    public String toString() { // never print the password
        return "TlsConfig[certFile=" + certFile + ", keyFile=" + keyFile + ", keyStore=" + keyStore
                + (keyStorePassword == null ? "" : ", keyStorePassword=***") + "]";
    }
}
