package dev.fnlens.collector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPOutputStream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class BodyReaderTest {
    @Test
    void gzipBody_isInflated() throws IOException {
        byte[] body = "hello fnlens".repeat(100).getBytes();

        assertThat(BodyReader.gunzip(gzip(body), 10_000)).isEqualTo(body);
        assertThat(BodyReader.isGzip("gzip")).isTrue();
        assertThat(BodyReader.isGzip(null)).isFalse();
        assertThat(BodyReader.isGzip("identity")).isFalse();
    }

    @Test
    void gzipBomb_isRefusedOncePastTheLimit() throws IOException {
        byte[] bomb = gzip(new byte[10_000_000]); // ~10 KB on the wire

        assertStatus(() -> BodyReader.gunzip(bomb, 1_000_000), 413, "decompressed request body is over the limit");
    }

    @Test
    void corruptGzip_isMalformed() {
        assertStatus(() -> BodyReader.gunzip(new byte[] {1, 2, 3, 4}, 1000), 400, "gzip");
    }

    @Test
    void declaredLengthOverTheLimit_isRefusedWithoutReading() {
        InputStream mustNotBeRead = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("body read");
            }
        };

        assertStatus(() -> BodyReader.read(mustNotBeRead, 2_000, 1_000), 413, "request body of 2000 bytes");
    }

    @Test
    void undeclaredLengthOverTheLimit_isRefusedAfterAtMostTheLimit() {
        CountingStream endless = new CountingStream();

        assertStatus(() -> BodyReader.read(endless, -1, 100_000), 413, "over the limit of 100000 bytes");
        assertThat(endless.read).isLessThanOrEqualTo(100_000 + 64 * 1024);
    }

    @Test
    void discard_readsToTheEnd_orStopsPastItsBound() {
        assertThat(BodyReader.discard(new ByteArrayInputStream(new byte[100_000]), 200_000)).isTrue();
        assertThat(BodyReader.discard(new CountingStream(), 200_000)).isFalse();
    }

    @Test
    void otherEncodings_areUnsupported() {
        assertStatus(() -> BodyReader.isGzip("br"), 415, "Content-Encoding");
    }

    private static void assertStatus(Runnable call, int status, String message) {
        assertThatThrownBy(call::run).isInstanceOf(ApiException.class).hasMessageContaining(message)
                .asInstanceOf(InstanceOfAssertFactories.type(ApiException.class))
                .extracting(ApiException::status).isEqualTo(status);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static final class CountingStream extends ByteArrayInputStream {
        long read;

        CountingStream() {
            super(new byte[0]);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            read += len;
            return len;
        }
    }
}
