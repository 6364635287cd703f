package dev.fnlens.collector.alert.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of a rule's answer: the group it stands for (values of the group columns), the number in the
 * condition's column (null when missing or not a number) and the whole row, for annotations.
 */
public record Observation(Map<String, String> group, Double value, Map<String, String> row) {
    public Observation {
        group = Collections.unmodifiableMap(new LinkedHashMap<>(group));
        row = Collections.unmodifiableMap(new LinkedHashMap<>(row));
    }
}
