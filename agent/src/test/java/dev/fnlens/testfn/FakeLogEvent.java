package dev.fnlens.testfn;

/** Shaped like the Log4j 2 event classes the agent stamps: delegating constructors, an early return, a fill method. */
public class FakeLogEvent {
    private String message;

    public FakeLogEvent() {
        this("none");
    }

    public FakeLogEvent(String message) {
        if (message == null) {
            this.message = "";
            return;
        }
        this.message = message;
    }

    public void setValues(String message) {
        this.message = message;
    }

    public void initFrom(Object other) {
        this.message = ((FakeLogEvent) other).message;
    }

    public String message() {
        return message;
    }
}
