package dev.flowinspector.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.flowinspector.capture.HexPaste;
import dev.flowinspector.capture.HexPasteException;
import dev.flowinspector.decode.DecodeOptions;
import dev.flowinspector.decode.ExportDecoder;
import dev.flowinspector.decode.TemplateCache;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes the hex paste parser: any text either parses into packets whose export frames decode within the
 * decoder's invariants, or fails with {@link HexPasteException} naming a line and column; and bytes written in
 * any of the paste formats read back as the same bytes.
 */
class HexPasteFuzzTest {

    /** The input as UTF-8 text, pasted. */
    @FuzzTest
    void paste(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        List<HexPaste.Packet> packets;
        try {
            packets = HexPaste.parse(text);
        } catch (HexPasteException e) {
            if (e.getMessage() == null || e.getMessage().isBlank() || e.line() < 1 || e.column() < 1) {
                throw new AssertionError("paste error without a place or message: line " + e.line() + " column "
                        + e.column() + ": " + e.getMessage(), e);
            }
            return;
        }
        if (packets.isEmpty()) {
            throw new AssertionError("parse returned no packet and no error");
        }
        ExportDecoder dec = new ExportDecoder(new TemplateCache(), DecoderFuzzTest.REGISTRY, DecodeOptions.DEFAULTS);
        for (HexPaste.Packet p : packets) {
            if (p.bytes() == null || p.format() == null || p.layer() == null) {
                throw new AssertionError("incomplete packet " + p);
            }
            if (p.frame() == null) {
                if (p.note() == null || p.note().isBlank()) {
                    throw new AssertionError("packet without a frame and without a note");
                }
                continue;
            }
            byte[] payload = p.frame().payload();
            Invariants.problemsInside(p.frame().notes(), payload.length, "pasted packet notes");
            Invariants.check(dec.decode(payload, p.frame().context()), payload);
        }
    }

    /** The first byte picks a format; the rest are written in it and must read back unchanged. */
    @FuzzTest
    void roundTrip(byte[] data) throws HexPasteException {
        if (data.length < 2) {
            return;
        }
        HexPaste.Format f = HexPaste.Format.values()[(data[0] & 0xff) % HexPaste.Format.values().length];
        byte[] bytes = Arrays.copyOfRange(data, 1, data.length);
        String text = HexPaste.format(bytes, f);
        List<HexPaste.Packet> back = HexPaste.parse(text);
        if (back.size() != 1 || !Arrays.equals(back.get(0).bytes(), bytes)) {
            throw new AssertionError(f + " round trip of " + bytes.length + " bytes gave " + back.size()
                    + " packet(s)" + (back.isEmpty() ? "" : " of " + back.get(0).bytes().length + " bytes")
                    + ":\n" + text);
        }
    }
}
