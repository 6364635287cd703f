package dev.fnlens.collector.alert.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StandardWebhooksTest {
    @Test
    void sign_matchesTheSpecificationsExample() {
        // the example published with the Standard Webhooks specification and its reference libraries
        String signature = StandardWebhooks.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330, "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void secrets_mustBeWhsecAndBase64OfEnoughBytes() {
        assertThat(StandardWebhooks.key(StandardWebhooks.newSecret())).hasSize(32);
        assertThatThrownBy(() -> StandardWebhooks.key("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).hasMessageStartingWith("secret: expected whsec_");
        assertThatThrownBy(() -> StandardWebhooks.key("whsec_c2hvcnQ=")).hasMessage("secret: expected 24 to 64 bytes after whsec_, got 5");
        assertThatThrownBy(() -> StandardWebhooks.key("whsec_!!")).hasMessage("secret: the part after whsec_ is not base64");
    }
}
