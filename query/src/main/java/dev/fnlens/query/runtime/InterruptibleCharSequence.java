package dev.fnlens.query.runtime;

/**
 * Wraps the text a regex runs over so that a catastrophically backtracking pattern still notices the deadline:
 * {@link java.util.regex.Matcher} reads the input only through {@link #charAt}, which checks every 4096 reads.
 * Reusable (reset per value) so a filter does not allocate a wrapper per event.
 */
public final class InterruptibleCharSequence implements CharSequence {

    private final Deadline deadline;
    private CharSequence text = "";
    private int reads;

    public InterruptibleCharSequence(Deadline deadline) {
        this.deadline = deadline;
    }

    public InterruptibleCharSequence reset(CharSequence text) {
        this.text = text;
        return this;
    }

    @Override
    public char charAt(int index) {
        if ((++reads & 0xFFF) == 0) {
            deadline.check();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new InterruptibleCharSequence(deadline).reset(text.subSequence(start, end));
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
