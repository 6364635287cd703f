package dev.fnlens.collector.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's key and certificate chain as a {@link KeyStore}, read and checked at start, so that a wrong path,
 * an unsupported key format or a key that does not belong to the certificate stops the collector with a message
 * saying which, instead of failing every handshake later.
 */
public record KeyMaterial(KeyStore keyStore, String password) {
    private static final String ALIAS = "fnlens";
    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");

    /** @throws IllegalArgumentException when the files cannot be read or do not hold a usable key and certificate */
    public static KeyMaterial load(TlsConfig tls) {
        if (!tls.enabled()) {
            throw new IllegalArgumentException("TLS is not configured");
        }
        try {
            return tls.keyStore() != null ? pkcs12(tls.keyStore(), tls.keyStorePassword()) : pem(tls);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read TLS files: " + e, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unusable TLS key or certificate: " + e.getMessage(), e);
        }
    }

    private static KeyMaterial pkcs12(Path file, String password) throws IOException, GeneralSecurityException {
        String pass = password == null ? "" : password;
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, pass.toCharArray());
        } catch (IOException e) {
            if (e.getCause() instanceof java.security.UnrecoverableKeyException) {
                throw new IllegalArgumentException("tls-keystore " + file + ": wrong tls-keystore-password", e);
            }
            throw e;
        }
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                return new KeyMaterial(store, pass);
            }
        }
        throw new IllegalArgumentException("tls-keystore " + file + " holds no private key");
    }

    private static KeyMaterial pem(TlsConfig tls) throws IOException, GeneralSecurityException {
        List<Certificate> chain = certificates(tls.certFile());
        PrivateKey key = privateKey(tls.keyFile());
        if (!belongTogether(key, chain.get(0).getPublicKey())) {
            throw new IllegalArgumentException("tls-key " + tls.keyFile() + " is not the key of the first certificate"
                    + " in tls-cert " + tls.certFile());
        }
        String password = Base64.getEncoder().encodeToString(SecureRandom.getSeed(18));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(ALIAS, key, password.toCharArray(), chain.toArray(Certificate[]::new));
        return new KeyMaterial(store, password);
    }

    private static List<Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        List<Certificate> chain;
        try (InputStream in = Files.newInputStream(file)) {
            chain = new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("tls-cert " + file + " holds no certificate");
        }
        return chain;
    }

    private static PrivateKey privateKey(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        Matcher block = PEM_BLOCK.matcher(text);
        while (block.find()) {
            String type = block.group(1);
            if (type.equals("PRIVATE KEY")) {
                byte[] der = Base64.getMimeDecoder().decode(block.group(2));
                return pkcs8(der, file);
            }
            if (type.endsWith("PRIVATE KEY")) { // RSA PRIVATE KEY, EC PRIVATE KEY, ENCRYPTED PRIVATE KEY
                throw new IllegalArgumentException("tls-key " + file + " is a '" + type + "'; fnlens reads unencrypted"
                        + " PKCS#8 keys ('PRIVATE KEY'): convert it with"
                        + " openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem");
            }
        }
        throw new IllegalArgumentException("tls-key " + file + " holds no PEM private key"
                + " (-----BEGIN PRIVATE KEY-----)");
    }

    private static PrivateKey pkcs8(byte[] der, Path file) {
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next
            }
        }
        throw new IllegalArgumentException("tls-key " + file + ": not an RSA, EC or EdDSA key");
    }

    /** Signs with the key and verifies with the certificate's public key. */
    private static boolean belongTogether(PrivateKey key, PublicKey publicKey) {
        if (!publicKey.getAlgorithm().equals(key.getAlgorithm())) {
            return false;
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // EdDSA
        };
        byte[] probe = "fnlens".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // e.g. a key on another curve than the certificate's
        }
    }
}
