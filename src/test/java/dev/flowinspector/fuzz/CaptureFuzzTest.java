package dev.flowinspector.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.flowinspector.capture.CaptureFiles;
import dev.flowinspector.capture.CaptureReader;
import dev.flowinspector.capture.ExportPorts;
import dev.flowinspector.capture.Frame;
import dev.flowinspector.decode.DecodeOptions;
import dev.flowinspector.decode.ExportDecoder;
import dev.flowinspector.decode.TemplateCache;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;

/**
 * Fuzzes {@link CaptureFiles#open(String, java.io.InputStream, long, ExportPorts)} and reading every frame:
 * the first input byte chooses a file header to put in front (none, pcap, pcapng, IPFIX file, gzip of the
 * rest). Opening may fail with an IOException (the documented "cannot read this file"); reading frames never
 * throws, and every frame decodes within the decoder's invariants.
 */
class CaptureFuzzTest {

    private static final int MAX_FRAMES = 100_000;

    @FuzzTest
    void captureFile(byte[] input) throws IOException {
        byte[] file = shape(input);
        CaptureReader reader;
        try {
            reader = CaptureFiles.open("fuzz.pcap", new ByteArrayInputStream(file), file.length,
                    input.length > 1 && (input[1] & 1) != 0 ? ExportPorts.everything() : ExportPorts.defaults());
        } catch (IOException e) {
            if (e.getMessage() == null || e.getMessage().isEmpty()) {
                throw new AssertionError("IOException without a message", e);
            }
            return;
        }
        try (reader) {
            ExportDecoder dec = new ExportDecoder(new TemplateCache(), DecoderFuzzTest.REGISTRY, DecodeOptions.DEFAULTS);
            long last = 0;
            for (int i = 0; i < MAX_FRAMES; i++) {
                Frame f = reader.next();
                if (f == null) {
                    break;
                }
                if (f.number() < last || f.number() < 1) { // one TCP segment may carry several IPFIX messages
                    throw new AssertionError("frame numbers went back: " + f.number() + " after " + last);
                }
                last = f.number();
                if (f.payload() == null || f.source() == null || f.destination() == null || f.transport() == null) {
                    throw new AssertionError("frame " + f.number() + " incomplete: " + f);
                }
                Invariants.problemsInside(f.notes(), f.payload().length, "frame " + f.number() + " notes");
                Invariants.check(dec.decode(f.payload(), f.context()), f.payload());
            }
            reader.damage();
            reader.skipped();
            reader.fileComments();
            reader.names();
            if (reader.position() < 0) {
                throw new AssertionError("negative position " + reader.position());
            }
        }
    }

    /** The input with a file header chosen by its first byte. */
    static byte[] shape(byte[] input) throws IOException {
        if (input.length == 0) {
            return input;
        }
        byte[] rest = java.util.Arrays.copyOfRange(input, 1, input.length);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        switch ((input[0] & 0xff) % 6) {
            case 1 -> { // pcap, little-endian, microseconds, Ethernet
                b.writeBytes(new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0, 4, 0,
                    0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0, 1, 0, 0, 0});
            }
            case 2 -> { // pcapng section header (little-endian) and an Ethernet interface
                b.writeBytes(new byte[] {0x0a, 0x0d, 0x0d, 0x0a, 28, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a, 1, 0, 0, 0,
                    -1, -1, -1, -1, -1, -1, -1, -1, 28, 0, 0, 0});
                b.writeBytes(new byte[] {1, 0, 0, 0, 20, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 20, 0, 0, 0});
            }
            case 3 -> { // IPFIX file: version 10, the rest is messages
                b.write(0);
                b.write(10);
            }
            case 4 -> {
                try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
                    gz.write(rest);
                }
                return b.toByteArray();
            }
            default -> {
                // raw: the fuzzer writes the magic itself
            }
        }
        b.writeBytes(rest);
        return b.toByteArray();
    }
}
