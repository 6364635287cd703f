package dev.fnlens.collector.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's check of a Standard Webhooks signature, written from the specification and independent of the
 * collector's signer: the secret's base64 part is the key; the signed content is
 * {@code "<webhook-id>.<webhook-timestamp>.<body>"}; {@code webhook-signature} is a space-separated list of
 * {@code v1,<base64>}; the timestamp must be within five minutes.
 */
final class SignatureVerifier {
    private SignatureVerifier() {
    }

    static boolean verify(String secret, String id, String timestamp, String signatures, String body) throws Exception {
        long ts = Long.parseLong(timestamp);
        if (Math.abs(System.currentTimeMillis() / 1000 - ts) > 300) {
            return false;
        }
        byte[] key = Base64.getDecoder().decode(secret.substring(secret.indexOf('_') + 1));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        for (String candidate : signatures.split(" ")) {
            String[] parts = candidate.split(",", 2);
            if (parts.length == 2 && parts[0].equals("v1")
                    && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
                return true;
            }
        }
        return false;
    }
}
