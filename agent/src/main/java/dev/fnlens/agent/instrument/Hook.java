package dev.fnlens.agent.instrument;

import net.bytebuddy.jar.asm.MethodVisitor;

/** The bytecode a wrapped method gets: see {@link WrappingMethodVisitor}. */
interface Hook {
    /** At the start of the method; must leave the stack as it found it. */
    void enter(MethodVisitor mv);

    /** Before a return instruction; the return value (if any) is on the stack and must stay there. */
    void exit(MethodVisitor mv, int returnOpcode);

    /** In the catch-all: a copy of the Throwable is on the stack and must be consumed. */
    void error(MethodVisitor mv);
}
