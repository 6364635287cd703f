package dev.fnlens.agent.instrument;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The few facts about a class file the matcher needs, read straight from its bytes:
 * access flags, name, superclass, interfaces, and whether the constant pool contains
 * the name {@code handleRequest}. Runs for every class the function loads, so it
 * walks the constant pool once and decodes only the handful of names it returns.
 */
final class ClassHeader {
    static final int ACC_INTERFACE = 0x0200;
    static final int ACC_ANNOTATION = 0x2000;
    static final int ACC_MODULE = 0x8000;

    private static final byte[] HANDLE_REQUEST = "handleRequest".getBytes(StandardCharsets.US_ASCII);

    final int access;
    final String name;
    final String superName;
    final String[] interfaces;
    final boolean mentionsHandleRequest;

    private ClassHeader(int access, String name, String superName, String[] interfaces, boolean mentionsHandleRequest) {
        this.access = access;
        this.name = name;
        this.superName = superName;
        this.interfaces = interfaces;
        this.mentionsHandleRequest = mentionsHandleRequest;
    }

    boolean isInterfaceLike() {
        return (access & (ACC_INTERFACE | ACC_ANNOTATION | ACC_MODULE)) != 0;
    }

    /** @throws IllegalArgumentException if the bytes are not a class file */
    static ClassHeader parse(byte[] b) {
        if (b.length < 10 || u4(b, 0) != 0xCAFEBABE) {
            throw new IllegalArgumentException("not a class file");
        }
        int count = u2(b, 8);
        int[] offsets = new int[count];
        boolean mentionsHandleRequest = false;
        int pos = 10;
        for (int i = 1; i < count; i++) {
            offsets[i] = pos;
            int tag = b[pos] & 0xff;
            switch (tag) {
                case 1: // Utf8
                    int length = u2(b, pos + 1);
                    if (!mentionsHandleRequest && length == HANDLE_REQUEST.length) {
                        mentionsHandleRequest = regionEquals(b, pos + 3, HANDLE_REQUEST);
                    }
                    pos += 3 + length;
                    break;
                case 7: case 8: case 16: case 19: case 20: // Class, String, MethodType, Module, Package
                    pos += 3;
                    break;
                case 15: // MethodHandle
                    pos += 4;
                    break;
                case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
                    pos += 5;
                    break;
                case 5: case 6: // Long, Double take two slots
                    pos += 9;
                    i++;
                    break;
                default:
                    throw new IllegalArgumentException("bad constant pool tag " + tag);
            }
        }
        int access = u2(b, pos);
        String name = className(b, offsets, u2(b, pos + 2));
        int superIndex = u2(b, pos + 4);
        String superName = superIndex == 0 ? null : className(b, offsets, superIndex);
        int interfaceCount = u2(b, pos + 6);
        String[] interfaces = new String[interfaceCount];
        for (int i = 0; i < interfaceCount; i++) {
            interfaces[i] = className(b, offsets, u2(b, pos + 8 + 2 * i));
        }
        return new ClassHeader(access, name, superName, interfaces, mentionsHandleRequest);
    }

    private static String className(byte[] b, int[] offsets, int classIndex) {
        int nameIndex = u2(b, offsets[classIndex] + 1);
        return utf8(b, offsets[nameIndex]);
    }

    private static String utf8(byte[] b, int offset) {
        int length = u2(b, offset + 1);
        int start = offset + 3;
        for (int i = start; i < start + length; i++) {
            if (b[i] < 0) {
                return modifiedUtf8(b, offset, length);
            }
        }
        return new String(b, start, length, StandardCharsets.ISO_8859_1);
    }

    private static String modifiedUtf8(byte[] b, int offset, int length) {
        try {
            return new DataInputStream(new ByteArrayInputStream(b, offset + 1, length + 2)).readUTF();
        } catch (IOException e) {
            throw new IllegalArgumentException("bad utf8 constant", e);
        }
    }

    private static boolean regionEquals(byte[] b, int offset, byte[] expected) {
        for (int i = 0; i < expected.length; i++) {
            if (b[offset + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u2(byte[] b, int pos) {
        return ((b[pos] & 0xff) << 8) | (b[pos + 1] & 0xff);
    }

    private static int u4(byte[] b, int pos) {
        return (u2(b, pos) << 16) | u2(b, pos + 2);
    }
}
