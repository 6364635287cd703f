package dev.fnlens.testfn;

/** A function that does nothing at all: what runs before its main is the agent's start and the JVM's. */
public final class EmptyMain {
    private EmptyMain() {
    }

    public static void main(String[] args) {
        // nothing: the test looks at what was loaded before this class
    }
}
