package dev.fnlens.local.template;

/** A template the local runtime cannot run, naming the resource and property at fault. */
public final class TemplateException extends IllegalArgumentException {
    public TemplateException(String where, String problem) {
        super(where + ": " + problem);
    }
}
