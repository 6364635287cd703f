package dev.fnlens.agent.instrument;

import java.util.Arrays;
import java.util.List;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Makes a Log4j 2 event class remember which invocation created each event ({@code StampedLogEvent}):
 * two private transient fields, their getters and setter, and a call of {@code Log4jHooks.stamp} at the end of every
 * constructor ({@code Log4jLogEvent}) or at the start of the methods that fill a reused event
 * ({@code RingBufferLogEvent.setValues}, {@code MutableLogEvent.initTime} and {@code initFrom}). A fill
 * method hands its first argument to the hook, which copies the stamp of an event it is filled from
 * ({@code initFrom(LogEvent)}). The stamp adds no branch, so the class's frames stay valid. The three classes
 * serialize through a proxy ({@code writeReplace}), so their serialized form is unchanged.
 */
final class LogEventStamper extends ClassVisitor {
    static final String INTERFACE = "dev/fnlens/agent/logs/StampedLogEvent";
    static final String HOOKS = "dev/fnlens/agent/logs/Log4jHooks";
    static final String REQUEST_ID = "fnlens$requestId";
    static final String EPOCH_NANOS = "fnlens$epochNanos";

    private final boolean constructors;
    private final List<String> fillMethods;
    private String owner;

    private LogEventStamper(ClassVisitor next, boolean constructors, List<String> fillMethods) {
        super(Opcodes.ASM9, next);
        this.constructors = constructors;
        this.fillMethods = fillMethods;
    }

    /**
     * @param constructors stamp at the end of every constructor
     * @param fillMethods  instance methods that fill a reused event: stamped on entry
     * @return the rewritten class file, or null when it already carries the stamp
     */
    static byte[] rewrite(byte[] classFile, boolean constructors, String... fillMethods) {
        ClassReader reader = new ClassReader(classFile);
        for (String i : reader.getInterfaces()) {
            if (i.equals(INTERFACE)) {
                return null;
            }
        }
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new LogEventStamper(writer, constructors, Arrays.asList(fillMethods)),
                ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName,
                      String[] interfaces) {
        owner = name;
        String[] all = new String[interfaces == null ? 1 : interfaces.length + 1];
        if (interfaces != null) {
            System.arraycopy(interfaces, 0, all, 0, interfaces.length);
        }
        all[all.length - 1] = INTERFACE;
        super.visit(version, access, name, signature, superName, all);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                     String[] exceptions) {
        MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
        if (next == null || (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
            return next;
        }
        if (constructors && name.equals("<init>")) {
            return new MethodVisitor(Opcodes.ASM9, next) {
                @Override
                public void visitInsn(int opcode) {
                    if (opcode == Opcodes.RETURN) {
                        stamp(mv, false);
                    }
                    super.visitInsn(opcode);
                }
            };
        }
        if (fillMethods.contains(name) && (access & Opcodes.ACC_STATIC) == 0) {
            Type[] arguments = Type.getArgumentTypes(descriptor);
            boolean source = arguments.length > 0 && arguments[0].getSort() == Type.OBJECT;
            return new MethodVisitor(Opcodes.ASM9, next) {
                @Override
                public void visitCode() {
                    super.visitCode();
                    stamp(mv, source);
                }
            };
        }
        return next;
    }

    /** {@code Log4jHooks.stamp(this, arg1 | null)} */
    private void stamp(MethodVisitor mv, boolean source) {
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        argument(mv, source);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "stamp", "(Ljava/lang/Object;Ljava/lang/Object;)V", false);
    }

    private static void argument(MethodVisitor mv, boolean source) {
        if (source) {
            mv.visitVarInsn(Opcodes.ALOAD, 1);
        } else {
            mv.visitInsn(Opcodes.ACONST_NULL);
        }
    }

    @Override
    public void visitEnd() {
        int fieldAccess = Opcodes.ACC_PRIVATE | Opcodes.ACC_TRANSIENT | Opcodes.ACC_SYNTHETIC;
        cv.visitField(fieldAccess, REQUEST_ID, "Ljava/lang/String;", null, null).visitEnd();
        cv.visitField(fieldAccess, EPOCH_NANOS, "J", null, null).visitEnd();
        getter(REQUEST_ID, "Ljava/lang/String;", Opcodes.ARETURN);
        getter(EPOCH_NANOS, "J", Opcodes.LRETURN);
        setter();
        super.visitEnd();
    }

    /** {@code fnlens$stamp(String requestId, long epochNanos)}: sets both fields. */
    private void setter() {
        MethodVisitor mv = cv.visitMethod(Opcodes.ACC_PUBLIC, "fnlens$stamp", "(Ljava/lang/String;J)V", null, null);
        mv.visitCode();
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitVarInsn(Opcodes.ALOAD, 1);
        mv.visitFieldInsn(Opcodes.PUTFIELD, owner, REQUEST_ID, "Ljava/lang/String;");
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitVarInsn(Opcodes.LLOAD, 2);
        mv.visitFieldInsn(Opcodes.PUTFIELD, owner, EPOCH_NANOS, "J");
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0); // computed
        mv.visitEnd();
    }

    private void getter(String field, String type, int returnOpcode) {
        MethodVisitor mv = cv.visitMethod(Opcodes.ACC_PUBLIC, field, "()" + type, null, null);
        mv.visitCode();
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitFieldInsn(Opcodes.GETFIELD, owner, field, type);
        mv.visitInsn(returnOpcode);
        mv.visitMaxs(0, 0); // computed
        mv.visitEnd();
    }
}
