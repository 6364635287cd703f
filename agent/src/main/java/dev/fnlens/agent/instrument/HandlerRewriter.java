package dev.fnlens.agent.instrument;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Rewrites a handler class's {@code handleRequest} with plain ASM (the copy inside
 * ByteBuddy, relocated): on a cold JVM, loading ByteBuddy's own machinery costs far
 * more than the function's whole start-up budget, while a dozen ASM classes do not.
 *
 * <p>Which methods: declared, concrete, non-bridge {@code handleRequest} methods with
 * the handler signatures. The bridge javac generates for {@code RequestHandler<I, O>}
 * only delegates to the real method, so skipping it records each invocation once.
 */
final class HandlerRewriter {
    static final String HANDLE_REQUEST = "handleRequest";
    static final String CONTEXT_DESCRIPTOR = "Lcom/amazonaws/services/lambda/runtime/Context;";
    static final String STREAM_DESCRIPTOR =
            "(Ljava/io/InputStream;Ljava/io/OutputStream;" + CONTEXT_DESCRIPTOR + ")V";

    private static final int SKIPPED_ACCESS =
            Opcodes.ACC_STATIC | Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_BRIDGE;

    private HandlerRewriter() {
    }

    /** @return the rewritten class file, or {@code null} when no method qualified */
    static byte[] rewrite(byte[] classFile, int kinds) {
        ClassReader reader = new ClassReader(classFile);
        // COMPUTE_MAXS, not COMPUTE_FRAMES: frames are written by hand, because computing
        // them would load classes from inside a ClassFileTransformer
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        HandlerClassVisitor visitor = new HandlerClassVisitor(writer, kinds);
        reader.accept(visitor, ClassReader.EXPAND_FRAMES);
        return visitor.rewritten > 0 ? writer.toByteArray() : null;
    }

    static boolean isHandlerMethod(int access, String name, String descriptor, int kinds) {
        if ((access & SKIPPED_ACCESS) != 0 || !HANDLE_REQUEST.equals(name)) {
            return false;
        }
        if ((kinds & HandlerMatcher.STREAM_HANDLER) != 0 && STREAM_DESCRIPTOR.equals(descriptor)) {
            return true;
        }
        if ((kinds & HandlerMatcher.REQUEST_HANDLER) == 0) {
            return false;
        }
        Type[] arguments = Type.getArgumentTypes(descriptor);
        return arguments.length == 2
                && isReference(arguments[0])
                && CONTEXT_DESCRIPTOR.equals(arguments[1].getDescriptor())
                && isReference(Type.getReturnType(descriptor));
    }

    private static boolean isReference(Type type) {
        return type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY;
    }

    private static final class HandlerClassVisitor extends ClassVisitor {
        private final int kinds;
        private String className;
        int rewritten;

        HandlerClassVisitor(ClassVisitor next, int kinds) {
            super(Opcodes.ASM9, next);
            this.kinds = kinds;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                          String[] interfaces) {
            className = name.replace('/', '.');
            super.visit(version, access, name, signature, superName, interfaces);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
            if (next == null || !isHandlerMethod(access, name, descriptor, kinds)) {
                return next;
            }
            rewritten++;
            // every handler parameter is a reference: slot 1 is the input, the last slot the Context
            int contextSlot = Type.getArgumentTypes(descriptor).length;
            return new HandlerMethodVisitor(next, className, contextSlot);
        }
    }
}
