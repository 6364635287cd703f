package dev.fnlens.collector.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenStoreTest {
    @TempDir
    Path data;

    @Test
    void aCreatedToken_grantsItsScope_andOnlyItsHashIsStored() throws Exception {
        TokenStore store = TokenStore.open(data);
        assertThat(store.isEmpty()).isTrue();

        TokenStore.Created created = store.create(Scope.READ);

        assertThat(created.token()).startsWith("fnl_read_").hasSizeGreaterThan(40);
        assertThat(store.scopeOf(created.token())).contains(Scope.READ);
        assertThat(store.scopeOf(created.token() + "x")).isEmpty();
        assertThat(store.scopeOf("")).isEmpty();
        String file = Files.readString(data.resolve("tokens"));
        assertThat(file).doesNotContain(created.token()).contains(created.entry().sha256());
    }

    @Test
    void tokensCreatedOrRevokedElsewhere_applyToAnOpenStore() {
        TokenStore running = TokenStore.open(data);
        TokenStore cli = TokenStore.open(data);

        TokenStore.Created ingest = cli.create(Scope.INGEST);
        assertThat(running.scopeOf(ingest.token())).contains(Scope.INGEST);
        assertThat(running.isEmpty()).isFalse();

        assertThat(cli.revoke(ingest.entry().id())).isTrue();
        assertThat(running.scopeOf(ingest.token())).isEmpty();
        assertThat(cli.revoke("no-such-id")).isFalse();
    }

    @Test
    void scopes_grantThemselves_andAdminAlsoReads() {
        assertThat(Scope.ADMIN.grants(Scope.READ)).isTrue();
        assertThat(Scope.ADMIN.grants(Scope.INGEST)).isFalse();
        assertThat(Scope.READ.grants(Scope.ADMIN)).isFalse();
        assertThat(Scope.INGEST.grants(Scope.READ)).isFalse();
        assertThat(Scope.parse("ingest")).isEqualTo(Scope.INGEST);
        assertThatThrownBy(() -> Scope.parse("root")).hasMessageContaining("ingest, read or admin");
    }
}
