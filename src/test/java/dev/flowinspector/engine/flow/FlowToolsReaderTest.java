package dev.flowinspector.engine.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.tools.generate.CaptureFileWriter;
import dev.flowinspector.tools.generate.Generator;
import dev.flowinspector.tools.generate.GeneratorOptions;
import dev.flowinspector.tools.generate.PacketSink;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * flow-tools files built by the test from flow-tools' public layout (ftlib.h: ftheader_gen, the TLV header,
 * fts3rec_v1/v5/v6/v7/v8_*; ftio.c: the header is padded to 4 bytes, the records one zlib stream when
 * compressed), holding the flows of a generated v5 capture; the reader must give back the flows the capture
 * decodes to. (flow-tools is not packaged for Debian 12, so no file written by flow-capture is used.)
 */
@DisplayName("flow-tools files: stream version 3, both byte orders, zlib, records v1/v5/v6/v7/v8.1-8.5")
class FlowToolsReaderTest {

    private static final long UPTIME = 3_600_000L; // the router's sysUpTime at "export" in the built files

    @TempDir
    Path dir;

    private List<FlowRecord> captureFlows() throws IOException {
        GeneratorOptions o = new GeneratorOptions();
        o.versions = List.of(5);
        o.count = 10;
        o.seed = 12;
        o.startMillis = 1_714_564_800_000L;
        Path f = dir.resolve("v5.pcap");
        try (CaptureFileWriter w = new CaptureFileWriter(f)) {
            new Generator(o).run((PacketSink) w::packet);
        }
        List<FlowRecord> out = new ArrayList<>();
        new FlowInput(new ExporterOptions()).read(f, out::add);
        return out;
    }

    /** A flow-tools stream: header TLVs then records, maybe deflated. */
    static byte[] file(ByteOrder order, int exportVersion, int agg, boolean zlib, List<byte[]> records) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(512).order(order);
        h.put((byte) 0xCF).put((byte) 0x10).put((byte) (order == ByteOrder.LITTLE_ENDIAN ? 1 : 2)).put((byte) 3);
        h.putInt(0); // head_off, set below
        h.putShort((short) 0x2).putShort((short) 2).putShort((short) exportVersion);
        if (exportVersion == 8) {
            h.putShort((short) 0x3).putShort((short) 1).put((byte) 2);
            h.putShort((short) 0x4).putShort((short) 1).put((byte) agg);
        }
        h.putShort((short) 0x8).putShort((short) 4).putInt(zlib ? 0x2 : 0);
        byte[] host = "flow-capture-host\0".getBytes(StandardCharsets.US_ASCII);
        h.putShort((short) 0xF).putShort((short) host.length).put(host);
        h.putShort((short) 0xA).putShort((short) 4).putInt(records.size());
        while (h.position() % 4 != 0) {
            h.put((byte) 0);
        }
        int headOff = h.position();
        h.putInt(4, headOff);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(h.array(), 0, headOff);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] r : records) {
            body.write(r);
        }
        if (zlib) {
            try (DeflaterOutputStream d = new DeflaterOutputStream(out)) {
                body.writeTo(d);
            }
        } else {
            body.writeTo(out);
        }
        return out.toByteArray();
    }

    private static int ip(String a) {
        String[] p = a.split("\\.");
        return Integer.parseInt(p[0]) << 24 | Integer.parseInt(p[1]) << 16 | Integer.parseInt(p[2]) << 8 | Integer.parseInt(p[3]);
    }

    /** fts3rec_v1/v5/v6/v7 of a flow, exported at {@code now} when the router's uptime was UPTIME. */
    static byte[] record(FlowRecord f, int version, ByteOrder order, long now) {
        int size = switch (version) {
            case 1 -> 60;
            case 5 -> 64;
            case 6 -> 72;
            default -> 68;
        };
        ByteBuffer b = ByteBuffer.allocate(size).order(order);
        b.putInt((int) (now / 1000)).putInt((int) (now % 1000 * 1_000_000)).putInt((int) UPTIME);
        b.putInt(ip("127.0.55.7")).putInt(ip(f.src())).putInt(ip(f.dst())).putInt(ip("10.255.0.1"));
        b.putShort((short) f.inIf()).putShort((short) f.outIf()).putInt((int) f.packets()).putInt((int) f.bytes());
        b.putInt((int) (UPTIME - (now - f.start().toEpochMilli()))).putInt((int) (UPTIME - (now - f.end().toEpochMilli())));
        b.putShort((short) f.srcPort()).putShort((short) f.dstPort());
        b.put((byte) f.protocol()).put((byte) 0).put((byte) Math.max(0, f.tcpFlags())).put((byte) 0);
        if (version != 1) {
            b.put((byte) 0).put((byte) 3).put((byte) 24).put((byte) 16);
            b.putShort((short) f.srcAs()).putShort((short) f.dstAs());
        }
        return b.array();
    }

    @ParameterizedTest(name = "v{0}, {1}, zlib {2}")
    @CsvSource({"5,LITTLE_ENDIAN,true", "5,BIG_ENDIAN,false", "1,LITTLE_ENDIAN,false", "6,BIG_ENDIAN,true",
        "7,LITTLE_ENDIAN,true"})
    @DisplayName("records give back the capture's flows: addresses, ports, protocol, counters, interfaces, AS, times")
    void records(int version, String byteOrder, boolean zlib) throws Exception {
        ByteOrder order = byteOrder.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        List<FlowRecord> flows = captureFlows();
        long now = flows.stream().mapToLong(f -> f.end().toEpochMilli()).max().orElseThrow() + 1000;
        List<byte[]> recs = new ArrayList<>();
        for (FlowRecord f : flows) {
            recs.add(record(f, version, order, now));
        }
        List<FlowRecord> back = new ArrayList<>();
        FlowToolsReader r = new FlowToolsReader("test.ft", new ByteArrayInputStream(file(order, version, 0, zlib, recs)));
        r.read(back::add);
        assertEquals(flows.size(), back.size());
        assertEquals("v" + version + (zlib ? ", zlib" : ""), r.describe());
        FlowInput input = new FlowInput(new ExporterOptions());
        List<FlowRecord> viaInput = new ArrayList<>();
        input.read("test.ft", new ByteArrayInputStream(file(order, version, 0, zlib, recs)), viaInput::add);
        assertEquals(back, viaInput, "analyze's input recognises the file by its magic");
        for (int i = 0; i < flows.size(); i++) {
            FlowRecord a = flows.get(i);
            FlowRecord b = back.get(i);
            assertEquals(a.src(), b.src());
            assertEquals(a.dst(), b.dst());
            assertEquals(a.srcPort(), b.srcPort());
            assertEquals(a.dstPort(), b.dstPort());
            assertEquals(a.protocol(), b.protocol());
            assertEquals(a.packets(), b.packets());
            assertEquals(a.bytes(), b.bytes());
            assertEquals(a.inIf(), b.inIf());
            assertEquals(a.outIf(), b.outIf());
            assertEquals(a.start(), b.start());
            assertEquals(a.end(), b.end());
            assertEquals(version == 1 ? -1 : a.srcAs(), b.srcAs());
            assertEquals("127.0.55.7", b.exporter());
        }
    }

    @Test
    @DisplayName("v8.1 (AS aggregation) and v8.5 (prefix aggregation): flows, counters and the aggregation's keys")
    void v8() throws Exception {
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        long now = 1_714_564_800_000L;
        ByteBuffer a = ByteBuffer.allocate(48).order(order);
        a.putInt((int) (now / 1000)).putInt(0).putInt((int) UPTIME).putInt(ip("127.0.55.8"));
        a.putInt(7).putInt(70).putInt(7000).putInt((int) UPTIME - 60_000).putInt((int) UPTIME - 1000);
        a.putShort((short) 64500).putShort((short) 64501).putShort((short) 3).putShort((short) 4);
        a.put((byte) 0).put((byte) 1).putShort((short) 0);
        List<FlowRecord> back = new ArrayList<>();
        new FlowToolsReader("as.ft", new ByteArrayInputStream(file(order, 8, 1, true, List.of(a.array())))).read(back::add);
        FlowRecord f = back.get(0);
        assertEquals(7, f.flows());
        assertEquals(70, f.packets());
        assertEquals(7000, f.bytes());
        assertEquals(64500, f.srcAs());
        assertEquals(64501, f.dstAs());
        assertEquals(3, f.inIf());
        assertEquals(4, f.outIf());
        assertEquals(now - 60_000, f.start().toEpochMilli());
        ByteBuffer p = ByteBuffer.allocate(56).order(order);
        p.putInt((int) (now / 1000)).putInt(0).putInt((int) UPTIME).putInt(ip("127.0.55.8"));
        p.putInt(2).putInt(20).putInt(2000).putInt((int) UPTIME - 5000).putInt((int) UPTIME);
        p.putInt(ip("10.1.0.0")).putInt(ip("192.0.2.0")).put((byte) 24).put((byte) 16).put((byte) 0).put((byte) 1);
        p.putShort((short) 1).putShort((short) 2).putShort((short) 5).putShort((short) 6);
        back.clear();
        new FlowToolsReader("pfx.ft", new ByteArrayInputStream(file(order, 8, 5, false, List.of(p.array())))).read(back::add);
        f = back.get(0);
        assertEquals("10.1.0.0/16", f.src());
        assertEquals("192.0.2.0/24", f.dst());
        assertEquals(2, f.flows());
        assertEquals(5, f.inIf());
    }

    @Test
    @DisplayName("stream version 1, unknown aggregations and cut records are refused with one-line reasons")
    void refused() throws Exception {
        byte[] v1 = {(byte) 0xCF, 0x10, 1, 1, 0, 5, 0, 0, 0, 0, 0, 0};
        IOException e = assertThrows(IOException.class,
                () -> new FlowToolsReader("old.ft", new ByteArrayInputStream(v1)).read(f -> { }));
        assertTrue(e.getMessage().startsWith("old.ft: a flow-tools stream of version 1"), e.getMessage());
        byte[] v86 = file(ByteOrder.LITTLE_ENDIAN, 8, 6, false, List.of());
        e = assertThrows(IOException.class, () -> new FlowToolsReader("tos.ft", new ByteArrayInputStream(v86)).read(f -> { }));
        assertTrue(e.getMessage().contains("aggregation 6 are not read"), e.getMessage());
        byte[] cut = file(ByteOrder.LITTLE_ENDIAN, 5, 0, false, List.of(new byte[64], new byte[30]));
        e = assertThrows(IOException.class, () -> new FlowToolsReader("cut.ft", new ByteArrayInputStream(cut)).read(f -> { }));
        assertEquals("cut.ft: flow-tools record 2 cut short (30 of 64 bytes)", e.getMessage());
    }
}
