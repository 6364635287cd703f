package dev.fnlens.agent.instrument;

import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Wraps one method body with a {@link Hook}:
 *
 * <pre>
 *   hook.enter();
 *   try { ...original body, with hook.exit() before every return... }
 *   catch (Throwable t) { hook.error(t); throw t; }
 * </pre>
 *
 * <p>No local variable is added (the hooks keep per-thread state), so the original
 * frames stay valid and the catch-all's frame can declare no locals at all. The
 * catch-all is registered after the method's own handlers, so those keep precedence,
 * and the original exception object is rethrown, stack trace untouched.
 */
final class WrappingMethodVisitor extends MethodVisitor {
    private static final String THROWABLE = "java/lang/Throwable";

    private final Hook hook;
    private final Label bodyStart = new Label();
    private final Label bodyEnd = new Label();
    private final Label catchAll = new Label();
    private boolean prologueDone;

    WrappingMethodVisitor(MethodVisitor next, Hook hook) {
        super(Opcodes.ASM9, next);
        this.hook = hook;
    }

    /**
     * Emitted before the first instruction rather than in visitCode: ClassReader reports
     * the method's try/catch blocks between the two, and ours must come after them.
     */
    private void prologue() {
        if (prologueDone) {
            return;
        }
        prologueDone = true;
        hook.enter(mv);
        super.visitTryCatchBlock(bodyStart, bodyEnd, catchAll, THROWABLE);
        super.visitLabel(bodyStart);
    }

    @Override
    public void visitInsn(int opcode) {
        prologue();
        if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            hook.exit(mv, opcode);
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        prologue();
        super.visitLabel(bodyEnd);
        super.visitLabel(catchAll);
        super.visitFrame(Opcodes.F_NEW, 0, new Object[0], 1, new Object[] {THROWABLE});
        super.visitInsn(Opcodes.DUP);
        hook.error(mv);
        super.visitInsn(Opcodes.ATHROW);
        super.visitMaxs(maxStack, maxLocals); // recomputed by COMPUTE_MAXS
    }
    // every other instruction-level event may be the first one of the body

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        prologue();
        super.visitFrame(type, numLocal, local, numStack, stack);
    }

    @Override
    public void visitLabel(Label label) {
        prologue();
        super.visitLabel(label);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        prologue();
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
        prologue();
        super.visitVarInsn(opcode, varIndex);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        prologue();
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        prologue();
        super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        prologue();
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
        prologue();
        super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        prologue();
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitLdcInsn(Object value) {
        prologue();
        super.visitLdcInsn(value);
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
        prologue();
        super.visitIincInsn(varIndex, increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        prologue();
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        prologue();
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        prologue();
        super.visitMultiANewArrayInsn(descriptor, numDimensions);
    }
}
