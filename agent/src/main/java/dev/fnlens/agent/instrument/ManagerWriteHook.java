package dev.fnlens.agent.instrument;

import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Log4j 2's {@code OutputStreamManager.writeToDestination(byte[], int, int)}: on entry,
 * {@code Log4jHooks.managerWrite(this, bytes, offset, length)}; nothing on the way out.
 */
final class ManagerWriteHook implements Hook {
    static final String DESCRIPTOR = "([BII)V";

    @Override
    public void enter(MethodVisitor mv) {
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitVarInsn(Opcodes.ALOAD, 1);
        mv.visitVarInsn(Opcodes.ILOAD, 2);
        mv.visitVarInsn(Opcodes.ILOAD, 3);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, LogEventStamper.HOOKS, "managerWrite",
                "(Ljava/lang/Object;[BII)V", false);
    }

    @Override
    public void exit(MethodVisitor mv, int returnOpcode) {
    }

    @Override
    public void error(MethodVisitor mv) {
        mv.visitInsn(Opcodes.POP);
    }
}
