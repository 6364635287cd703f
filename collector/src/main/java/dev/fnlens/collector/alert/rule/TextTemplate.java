package dev.fnlens.collector.alert.rule;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text with {@code {{ name }}} placeholders, as in annotations ({@code 'Errors in {{ @log }}: {{ errors }}'})
 * and body templates. Names are field names as the query language writes them, or quoted with backticks
 * ({@code {{ `count(*)` }}}). Nothing is evaluated: a placeholder is only ever replaced by a value.
 */
public final class TextTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(`[^`]+`|[A-Za-z0-9_@$.]+)\\s*}}");

    private final String text;
    private final List<String> literals = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    private TextTemplate(String text) {
        this.text = text;
    }

    /**
     * @throws InvalidRuleException naming {@code field} when a {@code {{} is not a placeholder
     */
    public static TextTemplate compile(String text, String field) {
        TextTemplate t = new TextTemplate(text);
        Matcher m = PLACEHOLDER.matcher(text);
        int at = 0;
        while (m.find()) {
            t.literals.add(literal(text.substring(at, m.start()), field));
            String name = m.group(1);
            t.names.add(name.startsWith("`") ? name.substring(1, name.length() - 1) : name);
            at = m.end();
        }
        t.literals.add(literal(text.substring(at), field));
        return t;
    }

    private static String literal(String part, String field) {
        int open = part.indexOf("{{");
        if (open >= 0) {
            throw new InvalidRuleException(field, "'{{' at '" + abbreviate(part.substring(open))
                    + "' is not a placeholder such as {{ errors }}");
        }
        return part;
    }

    /** The names the placeholders refer to, in order of first use. */
    public Set<String> names() {
        return new LinkedHashSet<>(names);
    }

    /** The text with each placeholder replaced by {@code escape(value(name))}; a null value becomes empty. */
    public String render(Function<String, String> value, UnaryOperator<String> escape) {
        StringBuilder out = new StringBuilder(text.length() + 32);
        for (int i = 0; i < names.size(); i++) {
            out.append(literals.get(i));
            String v = value.apply(names.get(i));
            out.append(escape.apply(v == null ? "" : v));
        }
        return out.append(literals.get(names.size())).toString();
    }

    public String render(Function<String, String> value) {
        return render(value, UnaryOperator.identity());
    }

    public String text() {
        return text;
    }

    private static String abbreviate(String s) {
        return s.length() <= 30 ? s : s.substring(0, 30) + "…";
    }
}
