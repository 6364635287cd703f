package dev.fnlens.agent.instrument;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Makes a Log4j 2 event class remember which invocation created each event ({@code StampedLogEvent}):
 * two private transient fields, their getters, and a stamp from {@code Log4jHooks} at the end of every
 * constructor ({@code Log4jLogEvent}) or at the start of the method that fills a reused event
 * ({@code RingBufferLogEvent.setValues}). The stamp adds no branch, so the class's frames stay valid.
 * The classes declare their {@code serialVersionUID} and serialize through a proxy, so their serialized
 * form is unchanged.
 */
final class LogEventStamper extends ClassVisitor {
    static final String INTERFACE = "dev/fnlens/agent/logs/StampedLogEvent";
    static final String HOOKS = "dev/fnlens/agent/logs/Log4jHooks";
    static final String REQUEST_ID = "fnlens$requestId";
    static final String EPOCH_NANOS = "fnlens$epochNanos";

    private final String fillMethod;
    private String owner;

    /** @param fillMethod the method that fills a reused event, or null to stamp in constructors */
    private LogEventStamper(ClassVisitor next, String fillMethod) {
        super(Opcodes.ASM9, next);
        this.fillMethod = fillMethod;
    }

    /** @return the rewritten class file, or null when it already carries the stamp */
    static byte[] rewrite(byte[] classFile, String fillMethod) {
        ClassReader reader = new ClassReader(classFile);
        for (String i : reader.getInterfaces()) {
            if (i.equals(INTERFACE)) {
                return null;
            }
        }
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new LogEventStamper(writer, fillMethod), ClassReader.EXPAND_FRAMES);
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
        if (fillMethod == null && name.equals("<init>")) {
            return new MethodVisitor(Opcodes.ASM9, next) {
                @Override
                public void visitInsn(int opcode) {
                    if (opcode == Opcodes.RETURN) {
                        stamp(mv);
                    }
                    super.visitInsn(opcode);
                }
            };
        }
        if (name.equals(fillMethod) && (access & Opcodes.ACC_STATIC) == 0) {
            return new MethodVisitor(Opcodes.ASM9, next) {
                @Override
                public void visitCode() {
                    super.visitCode();
                    stamp(mv);
                }
            };
        }
        return next;
    }

    private void stamp(MethodVisitor mv) {
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "stampRequestId", "()Ljava/lang/String;", false);
        mv.visitFieldInsn(Opcodes.PUTFIELD, owner, REQUEST_ID, "Ljava/lang/String;");
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "stampEpochNanos", "()J", false);
        mv.visitFieldInsn(Opcodes.PUTFIELD, owner, EPOCH_NANOS, "J");
    }

    @Override
    public void visitEnd() {
        int fieldAccess = Opcodes.ACC_PRIVATE | Opcodes.ACC_TRANSIENT | Opcodes.ACC_SYNTHETIC;
        cv.visitField(fieldAccess, REQUEST_ID, "Ljava/lang/String;", null, null).visitEnd();
        cv.visitField(fieldAccess, EPOCH_NANOS, "J", null, null).visitEnd();
        getter(REQUEST_ID, "Ljava/lang/String;", Opcodes.ARETURN);
        getter(EPOCH_NANOS, "J", Opcodes.LRETURN);
        super.visitEnd();
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
