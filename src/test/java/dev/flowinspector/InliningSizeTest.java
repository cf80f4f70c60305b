package dev.flowinspector;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Methods whose comments promise a size the JIT compilers inline: their bytecode stays under it. HotSpot inlines any
 * method of up to 35 bytes of bytecode ({@code MaxInlineSize}), however rarely it is called (C2) and wherever (C1,
 * the quick launcher's only compiler); a hot call up to {@code FreqInlineSize}, which the command-line launcher sets
 * to 150 (packaging/linux/cli-launcher.properties, decisions/0032). A method that grows past its limit stays correct
 * and turns into a call, which C2 makes the loop around it pay for (docs/benchmarks.md, "Decode and read every
 * value"); nothing else would tell.
 */
class InliningSizeTest {

    private static final int MAX_INLINE_SIZE = 35;
    private static final int CLI_FREQ_INLINE_SIZE = 150;

    @Test
    void recordPrefixPositionsAreInlinedWhereRarelyCalled() throws IOException {
        assertUnder(MAX_INLINE_SIZE, "dev.flowinspector.decode.DataRecord", "vars");
    }

    @Test
    void textRoomCheckIsInlinedIntoEveryWriter() throws IOException {
        assertUnder(MAX_INLINE_SIZE, "dev.flowinspector.cli.ByteText", "room");
    }

    @Test
    void unsignedReaderIsInlinedWhereHot() throws IOException {
        assertUnder(CLI_FREQ_INLINE_SIZE, "dev.flowinspector.decode.ValueDecoder", "readUnsigned");
    }

    private static void assertUnder(int limit, String className, String method) throws IOException {
        Integer size = codeLengths(className).get(method);
        assertNotNull(size, className + " has no method " + method);
        assertTrue(size <= limit, className + "." + method + " is " + size + " bytes of bytecode, over the " + limit
                + " its comment promises");
    }

    /** Bytecode length of each method of a class by name (the last one of a name when overloaded). */
    private static Map<String, Integer> codeLengths(String className) throws IOException {
        String resource = "/" + className.replace('.', '/') + ".class";
        try (InputStream raw = InliningSizeTest.class.getResourceAsStream(resource)) {
            assertNotNull(raw, resource + " not on the class path");
            DataInputStream in = new DataInputStream(raw);
            in.readInt(); // magic
            in.readUnsignedShort(); // minor
            in.readUnsignedShort(); // major
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                    case 5, 6 -> {
                        in.skipBytes(8);
                        i++; // a long or double takes two entries
                    }
                    case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                    case 15 -> in.skipBytes(3);
                    default -> throw new IOException(resource + ": constant pool tag " + tag + " at entry " + i);
                }
            }
            in.skipBytes(6); // access flags, this class, super class
            in.skipBytes(2 * in.readUnsignedShort()); // interfaces
            int fields = in.readUnsignedShort();
            for (int f = 0; f < fields; f++) {
                in.skipBytes(6);
                skipAttributes(in);
            }
            Map<String, Integer> lengths = new HashMap<>();
            int methods = in.readUnsignedShort();
            for (int m = 0; m < methods; m++) {
                in.skipBytes(2);
                String name = utf8[in.readUnsignedShort()];
                in.skipBytes(2);
                int attributes = in.readUnsignedShort();
                for (int a = 0; a < attributes; a++) {
                    String attribute = utf8[in.readUnsignedShort()];
                    int length = in.readInt();
                    if (attribute.equals("Code")) {
                        in.skipBytes(4); // max stack, max locals
                        lengths.put(name, in.readInt());
                        in.skipBytes(length - 8);
                    } else {
                        in.skipBytes(length);
                    }
                }
            }
            return lengths;
        }
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
            in.skipBytes(2);
            in.skipBytes(in.readInt());
        }
    }
}
