package dev.fnlens.query.exec;

import dev.fnlens.query.eval.Row;
import dev.fnlens.query.runtime.Deadline;
import dev.fnlens.query.runtime.InterruptibleCharSequence;
import dev.fnlens.query.runtime.Regexes;
import dev.fnlens.query.runtime.Values;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code parse}: sets each target from its group at the first match in the value; when the value is missing or does
 * not match, the targets are missing. The row passes either way, as in CloudWatch.
 */
final class ParseStage extends Stage {

    private final int sourceSlot;
    private final int[] targets;
    private final String[] groups;
    private final Matcher matcher;
    private final InterruptibleCharSequence text;

    ParseStage(int sourceSlot, Pattern pattern, int[] targets, String[] groups, Deadline deadline) {
        this.sourceSlot = sourceSlot;
        this.targets = targets;
        this.groups = groups;
        this.matcher = pattern.matcher("");
        this.text = new InterruptibleCharSequence(deadline);
    }

    @Override
    boolean push(Row row) {
        String value = Values.asString(row.get(sourceSlot));
        boolean found = value != null && Regexes.find(matcher, text.reset(value));
        for (int i = 0; i < targets.length; i++) {
            row.set(targets[i], found ? matcher.group(groups[i]) : null);
        }
        matcher.reset("");
        text.reset("");
        return next.push(row);
    }
}
