package dev.fnlens.collector.alert.notify;

import dev.fnlens.collector.alert.rule.InvalidRuleException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures per the Standard Webhooks specification: {@code webhook-signature: v1,<base64 HMAC-SHA256 of
 * "<webhook-id>.<webhook-timestamp>.<body>">}, keyed with the bytes of a {@code whsec_<base64>} secret.
 */
public final class StandardWebhooks {
    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
    private static final String PREFIX = "whsec_";

    private StandardWebhooks() {
    }

    /**
     * The key bytes of a secret; 24 to 64 bytes as the specification recommends.
     *
     * @throws InvalidRuleException when it is not {@code whsec_} and base64 of that many bytes
     */
    public static byte[] key(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            throw new InvalidRuleException("secret", "expected whsec_ followed by base64 (24 to 64 random bytes)");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new InvalidRuleException("secret", "the part after whsec_ is not base64");
        }
        if (key.length < 24 || key.length > 64) {
            throw new InvalidRuleException("secret", "expected 24 to 64 bytes after whsec_, got " + key.length);
        }
        return key;
    }

    /** {@code v1,<base64 signature>} of one message. */
    public static String sign(String secret, String id, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is in every JDK", e);
        }
    }

    /** A new random secret: {@code whsec_} and base64 of 32 random bytes. */
    public static String newSecret() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }
}
