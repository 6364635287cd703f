package dev.fnlens.collector.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Collections;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyMaterialTest {
    @TempDir
    static Path dir;
    static TestCertificates rsa;
    static TestCertificates ec;
    static TestCertificates otherRsa;

    @BeforeAll
    static void certificates() throws Exception {
        rsa = TestCertificates.create(dir, "rsa", "RSA");
        ec = TestCertificates.create(dir, "ec", "EC");
        otherRsa = TestCertificates.create(dir, "rsa2", "RSA");
    }

    @Test
    void pem_rsaAndEcKeys_loadWithTheirCertificate() throws Exception {
        for (TestCertificates c : new TestCertificates[] {rsa, ec}) {
            KeyStore store = KeyMaterial.load(TlsConfig.pem(c.certPem(), c.keyPem())).keyStore();
            String alias = Collections.list(store.aliases()).get(0);
            assertThat(store.isKeyEntry(alias)).isTrue();
            assertThat(store.getCertificate(alias)).isEqualTo(c.certificate());
        }
    }

    @Test
    void pkcs12_loadsWithItsPassword_andAWrongPasswordIsNamed() {
        assertThat(KeyMaterial.load(TlsConfig.pkcs12(rsa.pkcs12(), rsa.password())).password())
                .isEqualTo(rsa.password());
        assertThatThrownBy(() -> KeyMaterial.load(TlsConfig.pkcs12(rsa.pkcs12(), "wrong")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("password");
    }

    @Test
    void aKeyOfAnotherCertificate_isRefusedAtLoad() {
        assertThatThrownBy(() -> KeyMaterial.load(TlsConfig.pem(rsa.certPem(), ec.keyPem())))
                .hasMessageContaining("is not the key of the first certificate");
        assertThatThrownBy(() -> KeyMaterial.load(TlsConfig.pem(rsa.certPem(), otherRsa.keyPem())))
                .hasMessageContaining("is not the key of the first certificate");
    }

    @Test
    void pkcs1AndEncryptedKeys_areRefused_withTheCommandThatConvertsThem() throws Exception {
        Path pkcs1 = Files.writeString(dir.resolve("pkcs1.pem"), TestCertificates.pem("RSA PRIVATE KEY", new byte[32]));
        assertThatThrownBy(() -> KeyMaterial.load(TlsConfig.pem(rsa.certPem(), pkcs1)))
                .hasMessageContaining("'RSA PRIVATE KEY'").hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        Path encrypted = Files.writeString(dir.resolve("enc.pem"),
                TestCertificates.pem("ENCRYPTED PRIVATE KEY", new byte[32]));
        assertThatThrownBy(() -> KeyMaterial.load(TlsConfig.pem(rsa.certPem(), encrypted)))
                .hasMessageContaining("'ENCRYPTED PRIVATE KEY'");
    }

    @Test
    void missingOrEmptyFiles_areNamed() throws Exception {
        assertThatThrownBy(() -> KeyMaterial.load(TlsConfig.pem(dir.resolve("nope.pem"), rsa.keyPem())))
                .hasMessageContaining("cannot read TLS files").hasMessageContaining("nope.pem");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        assertThatThrownBy(() -> KeyMaterial.load(TlsConfig.pem(rsa.certPem(), empty)))
                .hasMessageContaining("holds no PEM private key");
    }
}
