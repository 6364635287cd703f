package dev.fnlens.cli;

import dev.fnlens.collector.auth.Scope;
import dev.fnlens.collector.auth.TokenStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenCommandTest {
    @TempDir
    Path data;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void create_printsTheTokenOnce_listShowsItWithoutTheSecret_revokeRemovesIt() {
        assertThat(run("create", "--scope", "ingest")).isZero();
        String token = text(out).trim();
        assertThat(TokenStore.open(data).scopeOf(token)).contains(Scope.INGEST);
        String id = TokenStore.open(data).list().get(0).id();

        out.reset();
        assertThat(run("list")).isZero();
        assertThat(text(out)).contains(id).contains("ingest").doesNotContain(token);

        assertThat(run("revoke", id)).isZero();
        assertThat(TokenStore.open(data).scopeOf(token)).isEmpty();
        assertThat(run("revoke", id)).isEqualTo(1);
    }

    @Test
    void create_needsAKnownScope() {
        assertThatThrownBy(() -> run("create")).hasMessageContaining("--scope");
        assertThatThrownBy(() -> run("create", "--scope", "root")).hasMessageContaining("ingest, read or admin");
    }

    private int run(String... args) {
        String[] withData = new String[args.length + 2];
        System.arraycopy(args, 0, withData, 0, args.length);
        withData[args.length] = "--data";
        withData[args.length + 1] = data.toString();
        return TokenCommand.run(new Args(withData), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
