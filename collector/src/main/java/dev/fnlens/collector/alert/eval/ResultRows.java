package dev.fnlens.collector.alert.eval;

import dev.fnlens.collector.alert.rule.AlertRule;
import dev.fnlens.query.QueryResult;
import dev.fnlens.query.ResultField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A rule's query answer as observations: one per row, grouped by the rule's group columns. */
public final class ResultRows {
    private ResultRows() {
    }

    public static List<Observation> observations(AlertRule rule, QueryResult result) {
        List<Observation> observations = new ArrayList<>(result.rows().size());
        for (List<ResultField> fields : result.rows()) {
            Map<String, String> row = new LinkedHashMap<>();
            fields.forEach(f -> row.put(f.field(), f.value()));
            Map<String, String> group = new LinkedHashMap<>();
            for (String column : rule.groupBy()) {
                String v = row.get(column);
                if (v != null) {
                    group.put(column, v);
                }
            }
            observations.add(new Observation(group, number(row.get(rule.condition().field())), row));
        }
        return observations;
    }

    static Double number(String text) {
        if (text == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(text);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
