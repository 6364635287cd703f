package dev.fnlens.cli;

import dev.fnlens.collector.auth.Scope;
import dev.fnlens.collector.auth.TokenStore;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code fnlens token create --scope ingest|read|admin | list | revoke ID [--data DIR]}: manages the collector's
 * access tokens in its data directory; a running collector picks changes up at once.
 */
final class TokenCommand {
    private TokenCommand() {
    }

    static int run(Args args, PrintStream out, PrintStream err) {
        Path data = Path.of(args.take("--data").orElse("fnlens-data"));
        String[] rest = args.rest();
        String action = rest.length == 0 ? "" : rest[0];
        TokenStore store = TokenStore.open(data);
        switch (action) {
            case "create" -> {
                Args createArgs = new Args(java.util.Arrays.copyOfRange(rest, 1, rest.length));
                Scope scope = Scope.parse(createArgs.take("--scope")
                        .orElseThrow(() -> new IllegalArgumentException("token create needs --scope ingest|read|admin")));
                createArgs.requireEmpty();
                TokenStore.Created created = store.create(scope);
                out.println(created.token());
                err.println("created " + scope.wireName() + " token " + created.entry().id()
                        + "; it is shown only this once. Revoke it with: fnlens token revoke " + created.entry().id());
                return 0;
            }
            case "list" -> {
                out.printf("%-12s  %-6s  %s%n", "ID", "SCOPE", "CREATED");
                store.list().forEach(e -> out.printf("%-12s  %-6s  %s%n", e.id(), e.scope().wireName(), e.created()));
                return 0;
            }
            case "revoke" -> {
                if (rest.length != 2) {
                    throw new IllegalArgumentException("token revoke takes the token's id (see fnlens token list)");
                }
                if (!store.revoke(rest[1])) {
                    err.println("fnlens: no token with id " + rest[1]);
                    return 1;
                }
                err.println("revoked " + rest[1]);
                return 0;
            }
            default -> throw new IllegalArgumentException("token takes create, list or revoke");
        }
    }
}
