package dev.fnlens.agent.instrument;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Rewrites chosen methods of a class with plain ASM (the copy inside ByteBuddy, relocated): on a
 * cold JVM, loading ByteBuddy's own machinery costs far more than the function's whole start-up
 * budget, while a dozen ASM classes do not.
 *
 * <p>Handler methods: declared, concrete, non-bridge {@code handleRequest} methods with the handler
 * signatures. The bridge javac generates for {@code RequestHandler<I, O>} only delegates to the real
 * method, so skipping it records each invocation once. Plain (POJO) handlers: the public methods of
 * the configured name that Lambda would accept (at most three parameters).
 */
final class HandlerRewriter {
    static final String HANDLE_REQUEST = "handleRequest";
    static final String CONTEXT_DESCRIPTOR = "Lcom/amazonaws/services/lambda/runtime/Context;";
    static final String STREAM_DESCRIPTOR =
            "(Ljava/io/InputStream;Ljava/io/OutputStream;" + CONTEXT_DESCRIPTOR + ")V";
    static final String HOOKS = "dev/fnlens/agent/invocation/InvocationHooks";

    private static final int SKIPPED_ACCESS =
            Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_BRIDGE | Opcodes.ACC_SYNTHETIC;

    /** Chooses the hook of a method, or null to leave it alone. */
    interface Selector {
        Hook select(String className, int access, String name, String descriptor);
    }

    private HandlerRewriter() {
    }

    /** @return the rewritten class file, or {@code null} when no method qualified */
    static byte[] rewrite(byte[] classFile, Selector selector) {
        ClassReader reader = new ClassReader(classFile);
        // COMPUTE_MAXS, not COMPUTE_FRAMES: frames are written by hand, because computing
        // them would load classes from inside a ClassFileTransformer
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        SelectingClassVisitor visitor = new SelectingClassVisitor(writer, selector);
        reader.accept(visitor, ClassReader.EXPAND_FRAMES);
        return visitor.rewritten > 0 ? writer.toByteArray() : null;
    }

    /** Handler interface methods (by {@code kinds}) and, when {@code pojoMethod} is set, a plain handler's. */
    static Selector handlers(int kinds, String pojoMethod, String hooksOwner) {
        return new Selector() { // not a lambda: its bootstrap would cost the function's start-up time
            @Override
            public Hook select(String className, int access, String name, String descriptor) {
                if (isHandlerMethod(access, name, descriptor, kinds)) {
                    boolean stream = STREAM_DESCRIPTOR.equals(descriptor);
                    return new HandlerHook(hooksOwner, className, 1, stream ? 2 : -1, stream ? 3 : 2);
                }
                if (pojoMethod != null && pojoMethod.equals(name)) {
                    return pojoHook(hooksOwner, className, access, descriptor);
                }
                return null;
            }
        };
    }

    static boolean isHandlerMethod(int access, String name, String descriptor, int kinds) {
        if ((access & (SKIPPED_ACCESS | Opcodes.ACC_STATIC)) != 0 || !HANDLE_REQUEST.equals(name)) {
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

    /**
     * A public method Lambda would call as a handler: {@code ()}, {@code (I)}, {@code (Context)},
     * {@code (I, Context)}, {@code (InputStream, OutputStream)}, {@code (InputStream, OutputStream, Context)}.
     */
    static Hook pojoHook(String owner, String className, int access, String descriptor) {
        if ((access & SKIPPED_ACCESS) != 0 || (access & Opcodes.ACC_PUBLIC) == 0) {
            return null;
        }
        Type[] args = Type.getArgumentTypes(descriptor);
        if (args.length > 3) {
            return null;
        }
        int[] slots = new int[args.length];
        int slot = (access & Opcodes.ACC_STATIC) != 0 ? 0 : 1;
        for (int i = 0; i < args.length; i++) {
            slots[i] = slot;
            slot += args[i].getSize();
        }
        int context = args.length > 0 && CONTEXT_DESCRIPTOR.equals(args[args.length - 1].getDescriptor())
                ? slots[args.length - 1] : -1;
        int dataArgs = context >= 0 ? args.length - 1 : args.length;
        if (dataArgs >= 2 && args[0].getDescriptor().equals("Ljava/io/InputStream;")
                && args[1].getDescriptor().equals("Ljava/io/OutputStream;")) {
            return new HandlerHook(owner, className, slots[0], slots[1], context);
        }
        if (dataArgs > 1) {
            return null;
        }
        int input = dataArgs == 1 && isReference(args[0]) ? slots[0] : -1;
        return new HandlerHook(owner, className, input, -1, context);
    }

    private static boolean isReference(Type type) {
        return type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY;
    }

    private static final class SelectingClassVisitor extends ClassVisitor {
        private final Selector selector;
        private String className;
        int rewritten;

        SelectingClassVisitor(ClassVisitor next, Selector selector) {
            super(Opcodes.ASM9, next);
            this.selector = selector;
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
            if (next == null || name.startsWith("<")) {
                return next;
            }
            Hook hook = selector.select(className, access, name, descriptor);
            if (hook == null) {
                return next;
            }
            rewritten++;
            return new WrappingMethodVisitor(next, hook);
        }
    }
}
