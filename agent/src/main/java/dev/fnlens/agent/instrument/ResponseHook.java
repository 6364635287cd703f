package dev.fnlens.agent.instrument;

import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * The runtime interface client's {@code reportInvocationSuccess/Error(requestId, ...)}:
 * {@code InvocationHooks.responding(requestId)} on entry and, once the response has been posted
 * (or posting failed), {@code InvocationHooks.responseSent()}. (The catch-all's frame has no
 * locals, so the request id is kept by the hooks rather than reloaded there.)
 */
final class ResponseHook implements Hook {
    private static final String OWNER = "dev/fnlens/agent/invocation/InvocationHooks";

    @Override
    public void enter(MethodVisitor mv) {
        mv.visitVarInsn(Opcodes.ALOAD, 1);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, OWNER, "responding", "(Ljava/lang/String;)V", false);
    }

    @Override
    public void exit(MethodVisitor mv, int returnOpcode) {
        sent(mv);
    }

    @Override
    public void error(MethodVisitor mv) {
        mv.visitInsn(Opcodes.POP);
        sent(mv);
    }

    private static void sent(MethodVisitor mv) {
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, OWNER, "responseSent", "()V", false);
    }

    /**
     * {@code nextInvocation()}: {@code InvocationHooks.nextInvocationRequested()} on entry (the first ends the pause
     * of {@link RuntimeSetupPause}), and the runtime's request (id, deadline, ARN) for handlers that take no Context.
     */
    static final class NextInvocation implements Hook {
        @Override
        public void enter(MethodVisitor mv) {
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, OWNER, "nextInvocationRequested", "()V", false);
        }

        @Override
        public void exit(MethodVisitor mv, int returnOpcode) {
            if (returnOpcode == Opcodes.ARETURN) {
                mv.visitInsn(Opcodes.DUP);
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, OWNER, "nextInvocation", "(Ljava/lang/Object;)V", false);
            }
        }

        @Override
        public void error(MethodVisitor mv) {
            mv.visitInsn(Opcodes.POP);
        }
    }
}
