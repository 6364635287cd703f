package dev.fnlens.collector.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The collector's access tokens, in {@code <data>/tokens}: one line per token, {@code id scope sha256 created}.
 * Only hashes are kept; the token itself is shown once, when it is created. Tokens are 256 random bits, so a
 * plain SHA-256 is enough to make the file useless to whoever reads it. The file is re-read when it changes,
 * so tokens created or revoked by {@code fnlens token} apply to a running collector at once.
 */
public final class TokenStore {
    private static final String FILE = "tokens";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A token as stored: never the secret itself. */
    public record Entry(String id, Scope scope, String sha256, Instant created) {
    }

    /** A new token: the secret, to show once, and its entry. */
    public record Created(String token, Entry entry) {
    }

    private final Path file;
    private volatile List<Entry> entries = List.of();
    /** What the file was when read: each write replaces it (a new inode), so this changes even within a clock tick. */
    private volatile String loadedVersion;

    private TokenStore(Path file) {
        this.file = file;
    }

    public static TokenStore open(Path dataDir) {
        TokenStore store = new TokenStore(dataDir.resolve(FILE));
        store.reloadIfChanged();
        return store;
    }

    /** Whether any token exists: with none, a loopback-bound collector lets everyone in. */
    public boolean isEmpty() {
        reloadIfChanged();
        return entries.isEmpty();
    }

    public List<Entry> list() {
        reloadIfChanged();
        return entries;
    }

    /** The scope of a presented token, compared in constant time against every stored hash. */
    public Optional<Scope> scopeOf(String presented) {
        if (presented == null || presented.isBlank()) {
            return Optional.empty();
        }
        reloadIfChanged();
        byte[] hash = sha256(presented);
        Scope found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(hash, HexFormat.of().parseHex(entry.sha256()))) {
                found = entry.scope();
            }
        }
        return Optional.ofNullable(found);
    }

    public synchronized Created create(Scope scope) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = "fnl_" + scope.wireName() + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        byte[] idBytes = new byte[6];
        RANDOM.nextBytes(idBytes);
        Entry entry = new Entry(HexFormat.of().formatHex(idBytes), scope, HexFormat.of().formatHex(sha256(token)),
                Instant.now());
        List<Entry> next = new ArrayList<>(load());
        next.add(entry);
        write(next);
        return new Created(token, entry);
    }

    /** @return false when no token has this id */
    public synchronized boolean revoke(String id) {
        List<Entry> next = new ArrayList<>(load());
        boolean removed = next.removeIf(e -> e.id().equals(id));
        if (removed) {
            write(next);
        }
        return removed;
    }

    private void reloadIfChanged() {
        String version = version();
        if (!java.util.Objects.equals(version, loadedVersion)) {
            entries = load();
            loadedVersion = version;
        }
    }

    private String version() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.fileKey() + "/" + attributes.lastModifiedTime().toMillis() + "/" + attributes.size();
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private List<Entry> load() {
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            List<Entry> loaded = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.trim().split(" ");
                if (f.length == 4) {
                    loaded.add(new Entry(f[0], Scope.parse(f[1]), f[2], Instant.parse(f[3])));
                }
            }
            return List.copyOf(loaded);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void write(List<Entry> next) {
        StringBuilder text = new StringBuilder();
        next.forEach(e -> text.append(e.id()).append(' ').append(e.scope().wireName()).append(' ')
                .append(e.sha256()).append(' ').append(e.created()).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), FILE, ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the directory's own permissions protect it there
            }
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            entries = List.copyOf(next);
            loadedVersion = version();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
