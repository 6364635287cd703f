package dev.fnlens.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code --flag value} pairs: each command takes the flags it knows and passes the rest on, or refuses them. */
final class Args {
    private final List<String> remaining;

    Args(String[] args) {
        this.remaining = new ArrayList<>(List.of(args));
    }

    Optional<String> take(String flag) {
        int i = remaining.indexOf(flag);
        if (i < 0) {
            return Optional.empty();
        }
        if (i + 1 >= remaining.size() || remaining.get(i + 1).startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        String value = remaining.get(i + 1);
        remaining.subList(i, i + 2).clear();
        return Optional.of(value);
    }

    int takeInt(String flag, int fallback) {
        String value = take(flag).orElse(null);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a number, was '" + value + "'");
        }
    }

    String[] rest() {
        return remaining.toArray(String[]::new);
    }

    void requireEmpty() {
        if (!remaining.isEmpty()) {
            throw new IllegalArgumentException("unknown option " + remaining.get(0));
        }
    }
}
