package dev.fnlens.agent.instrument;

import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * A handler method: {@code enter(input, output, context, "pkg.Handler")}, {@code exit(result)},
 * {@code exitError(t)} on {@code InvocationHooks} (or its bootstrap bridge). Slots of -1 pass null.
 */
final class HandlerHook implements Hook {
    static final String ENTER_DESCRIPTOR =
            "(Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/String;)V";
    static final String EXIT_DESCRIPTOR = "(Ljava/lang/Object;)V";
    static final String ERROR_DESCRIPTOR = "(Ljava/lang/Throwable;)V";

    private final String owner;
    private final String className;
    private final int inputSlot;
    private final int outputSlot;
    private final int contextSlot;

    HandlerHook(String owner, String className, int inputSlot, int outputSlot, int contextSlot) {
        this.owner = owner;
        this.className = className;
        this.inputSlot = inputSlot;
        this.outputSlot = outputSlot;
        this.contextSlot = contextSlot;
    }

    @Override
    public void enter(MethodVisitor mv) {
        load(mv, inputSlot);
        load(mv, outputSlot);
        load(mv, contextSlot);
        mv.visitLdcInsn(className);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, owner, "enter", ENTER_DESCRIPTOR, false);
    }

    @Override
    public void exit(MethodVisitor mv, int returnOpcode) {
        if (returnOpcode == Opcodes.ARETURN) {
            mv.visitInsn(Opcodes.DUP);
        } else {
            mv.visitInsn(Opcodes.ACONST_NULL); // void or primitive: the status code lives in objects only
        }
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, owner, "exit", EXIT_DESCRIPTOR, false);
    }

    @Override
    public void error(MethodVisitor mv) {
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, owner, "exitError", ERROR_DESCRIPTOR, false);
    }

    private static void load(MethodVisitor mv, int slot) {
        if (slot < 0) {
            mv.visitInsn(Opcodes.ACONST_NULL);
        } else {
            mv.visitVarInsn(Opcodes.ALOAD, slot);
        }
    }
}
