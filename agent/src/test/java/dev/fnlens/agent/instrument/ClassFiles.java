package dev.fnlens.agent.instrument;

import dev.fnlens.agent.invocation.InvocationHooks;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/** Test helpers: class-file bytes of test classes, and which methods a rewrite touched. */
final class ClassFiles {
    private ClassFiles() {
    }

    static byte[] of(Class<?> type) {
        return of(type.getName());
    }

    static byte[] of(String binaryName) {
        try (InputStream in = ClassFiles.class.getClassLoader()
                .getResourceAsStream(binaryName.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new IllegalArgumentException("no class file for " + binaryName);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code name + descriptor} of every method that calls {@code InvocationHooks.enter}. */
    static List<String> instrumentedMethods(byte[] classFile) {
        String hooks = Type.getInternalName(InvocationHooks.class);
        List<String> methods = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                        if (owner.equals(hooks) && method.equals("enter")) {
                            methods.add(name + descriptor);
                        }
                    }
                };
            }
        }, 0);
        return methods;
    }
}
