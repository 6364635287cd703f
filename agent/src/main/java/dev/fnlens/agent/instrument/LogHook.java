package dev.fnlens.agent.instrument;

import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * A logging call: {@code LogHooks.<prefix>Enter(arg1, arg2 | null, "source")} on entry,
 * {@code LogHooks.<prefix>Exit()} on every way out. Used for appenders (the event is arg 1)
 * and LambdaLogger methods (message and optional level).
 */
final class LogHook implements Hook {
    static final String OWNER = "dev/fnlens/agent/logs/LogHooks";
    static final String ENTER_DESCRIPTOR = "(Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/String;)V";

    private final String prefix;
    private final boolean secondArgument;
    private final String source;

    LogHook(String prefix, boolean secondArgument, String source) {
        this.prefix = prefix;
        this.secondArgument = secondArgument;
        this.source = source;
    }

    @Override
    public void enter(MethodVisitor mv) {
        mv.visitVarInsn(Opcodes.ALOAD, 1);
        if (secondArgument) {
            mv.visitVarInsn(Opcodes.ALOAD, 2);
        } else {
            mv.visitInsn(Opcodes.ACONST_NULL);
        }
        mv.visitLdcInsn(source);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, OWNER, prefix + "Enter", ENTER_DESCRIPTOR, false);
    }

    @Override
    public void exit(MethodVisitor mv, int returnOpcode) {
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, OWNER, prefix + "Exit", "()V", false);
    }

    @Override
    public void error(MethodVisitor mv) {
        mv.visitInsn(Opcodes.POP);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, OWNER, prefix + "Exit", "()V", false);
    }
}
