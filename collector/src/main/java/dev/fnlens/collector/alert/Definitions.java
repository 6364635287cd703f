package dev.fnlens.collector.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnlens.collector.alert.notify.Destination;
import dev.fnlens.collector.alert.notify.DestinationJson;
import dev.fnlens.collector.alert.persist.JsonFile;
import dev.fnlens.collector.alert.rule.AlertRule;
import dev.fnlens.collector.alert.rule.InvalidRuleException;
import dev.fnlens.collector.alert.rule.RuleJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules and destinations: those of the config file (read-only here) and those created through the API
 * (kept in {@code rules.json} and {@code destinations.json} in the data directory, which hold webhook secrets
 * and are readable by the collector's user only). Thread-safe.
 */
final class Definitions {
    private static final Logger LOG = LoggerFactory.getLogger(Definitions.class);

    /** Where an item was defined. */
    enum Source { CONFIG, API }

    record Defined<T>(T value, Source source) {
    }

    private final Map<String, Defined<AlertRule>> rules = new LinkedHashMap<>();
    private final Map<String, Defined<Destination>> destinations = new LinkedHashMap<>();
    private final JsonFile rulesFile;
    private final JsonFile destinationsFile;

    Definitions(Path dir, AlertsConfig config) throws IOException {
        this.rulesFile = new JsonFile(dir.resolve("rules.json"));
        this.destinationsFile = new JsonFile(dir.resolve("destinations.json"));
        config.destinations().forEach(d -> destinations.put(d.name(), new Defined<>(d, Source.CONFIG)));
        config.rules().forEach(r -> rules.put(r.name(), new Defined<>(r, Source.CONFIG)));
        load(destinationsFile, "destinations", json -> {
            Destination d = DestinationJson.parse(json);
            if (destinations.putIfAbsent(d.name(), new Defined<>(d, Source.API)) != null) {
                LOG.warn("destination {} from {} skipped: the config file defines one of that name", d.name(),
                        destinationsFile);
            }
        });
        load(rulesFile, "rules", json -> {
            AlertRule r = RuleJson.parse(json);
            checkDestinations(r);
            if (rules.putIfAbsent(r.name(), new Defined<>(r, Source.API)) != null) {
                LOG.warn("rule {} from {} skipped: the config file defines one of that name", r.name(), rulesFile);
            }
        });
    }

    private interface Loader {
        void load(JsonNode json);
    }

    private static void load(JsonFile file, String key, Loader loader) throws IOException {
        JsonNode root = file.read();
        if (root == null || root.get(key) == null) {
            return;
        }
        for (JsonNode item : root.get(key)) {
            try {
                loader.load(item);
            } catch (InvalidRuleException e) {
                LOG.error("{} item skipped, no longer valid: {} ({})", key, e.getMessage(), item.path("name").asText());
            }
        }
    }

    synchronized AlertRule rule(String name) {
        Defined<AlertRule> r = rules.get(name);
        return r == null ? null : r.value();
    }

    synchronized List<Defined<AlertRule>> rules() {
        return new ArrayList<>(rules.values());
    }

    synchronized Source ruleSource(String name) {
        Defined<AlertRule> r = rules.get(name);
        return r == null ? null : r.source();
    }

    synchronized Destination destination(String name) {
        Defined<Destination> d = destinations.get(name);
        return d == null ? null : d.value();
    }

    synchronized List<Defined<Destination>> destinations() {
        return new ArrayList<>(destinations.values());
    }

    /** Creates ({@code create}) or replaces an API rule; returns the rule it replaced, or null. */
    synchronized AlertRule putRule(AlertRule rule, boolean create) throws IOException {
        Defined<AlertRule> old = rules.get(rule.name());
        requireChangeable(old, create, "rule", rule.name());
        checkDestinations(rule);
        rules.put(rule.name(), new Defined<>(rule, Source.API));
        saveRules();
        return old == null ? null : old.value();
    }

    synchronized AlertRule removeRule(String name) throws IOException {
        Defined<AlertRule> old = rules.get(name);
        requireChangeable(old, false, "rule", name);
        rules.remove(name);
        saveRules();
        return old.value();
    }

    synchronized Destination putDestination(Destination d, boolean create) throws IOException {
        Defined<Destination> old = destinations.get(d.name());
        requireChangeable(old, create, "destination", d.name());
        destinations.put(d.name(), new Defined<>(d, Source.API));
        saveDestinations();
        return old == null ? null : old.value();
    }

    synchronized void removeDestination(String name) throws IOException {
        Defined<Destination> old = destinations.get(name);
        requireChangeable(old, false, "destination", name);
        List<String> users = rules.values().stream().filter(r -> r.value().destinations().contains(name))
                .map(r -> r.value().name()).toList();
        if (!users.isEmpty()) {
            throw new AlertsException(AlertsException.Kind.CONFLICT, "destination '" + name + "' is used by rules "
                    + users + "; remove it from them first");
        }
        destinations.remove(name);
        saveDestinations();
    }

    /** After a 410 Gone: persisted for API destinations, until restart for config ones. */
    synchronized void disable(String name) throws IOException {
        Defined<Destination> d = destinations.get(name);
        if (d == null || d.value().disabled()) {
            return;
        }
        destinations.put(name, new Defined<>(d.value().withDisabled(true), d.source()));
        if (d.source() == Source.API) {
            saveDestinations();
        }
    }

    private void checkDestinations(AlertRule rule) {
        for (String d : rule.destinations()) {
            if (!destinations.containsKey(d)) {
                throw new InvalidRuleException("destinations", "no destination is named '" + d + "'; known: "
                        + destinations.keySet());
            }
        }
    }

    private static void requireChangeable(Defined<?> old, boolean create, String what, String name) {
        if (create && old != null) {
            throw new AlertsException(AlertsException.Kind.CONFLICT, "a " + what + " named '" + name
                    + "' exists; update it with PUT");
        }
        if (!create && old == null) {
            throw new AlertsException(AlertsException.Kind.NOT_FOUND, "no " + what + " named '" + name + "'");
        }
        if (old != null && old.source() == Source.CONFIG) {
            throw new AlertsException(AlertsException.Kind.CONFLICT, "the " + what + " '" + name
                    + "' comes from the config file; change it there");
        }
    }

    private void saveRules() throws IOException {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode list = root.putArray("rules");
        rules.values().stream().filter(r -> r.source() == Source.API).forEach(r -> list.add(RuleJson.toJson(r.value())));
        rulesFile.write(root);
    }

    private void saveDestinations() throws IOException {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode list = root.putArray("destinations");
        destinations.values().stream().filter(d -> d.source() == Source.API)
                .forEach(d -> list.add(DestinationJson.toJson(d.value(), true)));
        destinationsFile.write(root);
    }
}
