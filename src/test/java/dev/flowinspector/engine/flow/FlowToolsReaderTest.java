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
@DisplayName("flow-tools files: stream versions 1 and 3, both byte orders, zlib, records v1/v5/v6/v7/v8.1-8.14")
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
        return withRecords(out, zlib, records);
    }

    /** The header bytes in {@code out} followed by the records, deflated as one zlib stream when asked. */
    private static byte[] withRecords(ByteArrayOutputStream out, boolean zlib, List<byte[]> records) throws IOException {
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

    /** A stream version 1 file: the fixed 360-byte header, then fts1rec_compat records, maybe deflated. */
    static byte[] version1File(ByteOrder order, int exportVersion, boolean zlib, List<byte[]> records) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(360).order(order);
        h.put((byte) 0xCF).put((byte) 0x10).put((byte) (order == ByteOrder.LITTLE_ENDIAN ? 1 : 2)).put((byte) 1);
        h.putShort((short) exportVersion).putShort((short) 0); // export version, alignment
        h.putInt(1_714_564_800).putInt(1_714_565_100).putInt(zlib ? 0x3 : 0x1).putInt(300).putInt(records.size());
        h.putInt(0).putInt(0).put("old-capture-host".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(h.array());
        return withRecords(out, zlib, records);
    }

    /** fts1rec_compat of a flow: export time in seconds and milliseconds, First/Last relative to an uptime of 0. */
    static byte[] compat(FlowRecord f, ByteOrder order, long now) {
        ByteBuffer b = ByteBuffer.allocate(60).order(order);
        b.putInt((int) (now / 1000)).putInt((int) (now % 1000));
        b.putInt(ip(f.src())).putInt(ip(f.dst())).putInt(ip("10.255.0.1"));
        b.putShort((short) f.inIf()).putShort((short) f.outIf()).putInt((int) f.packets()).putInt((int) f.bytes());
        b.putInt((int) (f.start().toEpochMilli() - now)).putInt((int) (f.end().toEpochMilli() - now));
        b.putShort((short) f.srcPort()).putShort((short) f.dstPort()).putShort((short) 0);
        b.put((byte) f.protocol()).put((byte) 0).put((byte) Math.max(0, f.tcpFlags())).put((byte) 0).putShort((short) 0);
        b.putShort((short) f.srcAs()).putShort((short) f.dstAs()).put((byte) 24).put((byte) 16).putShort((short) 0);
        return b.array();
    }

    @ParameterizedTest(name = "export v{0}, {1}, zlib {2}")
    @CsvSource({"5,LITTLE_ENDIAN,true", "5,BIG_ENDIAN,false", "1,BIG_ENDIAN,true", "65535,LITTLE_ENDIAN,false"})
    @DisplayName("stream version 1 (flow-tools before 0.50): the fixed header and compat records give back the flows")
    void streamVersion1(int exportVersion, String byteOrder, boolean zlib) throws Exception {
        ByteOrder order = byteOrder.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        List<FlowRecord> flows = captureFlows();
        long now = flows.stream().mapToLong(f -> f.end().toEpochMilli()).max().orElseThrow() + 1000;
        List<byte[]> recs = new ArrayList<>();
        for (FlowRecord f : flows) {
            recs.add(compat(f, order, now));
        }
        List<FlowRecord> back = new ArrayList<>();
        FlowInput input = new FlowInput(new ExporterOptions());
        input.read("old.ft", new ByteArrayInputStream(version1File(order, exportVersion, zlib, recs)), back::add);
        assertEquals(flows.size(), back.size());
        boolean v5 = exportVersion == 5;
        for (int i = 0; i < flows.size(); i++) {
            FlowRecord a = flows.get(i);
            FlowRecord b = back.get(i);
            assertEquals(List.of(a.src(), a.dst(), a.srcPort(), a.dstPort(), a.protocol(), a.packets(), a.bytes(),
                    a.inIf(), a.outIf(), a.start(), a.end()), List.of(b.src(), b.dst(), b.srcPort(), b.dstPort(),
                    b.protocol(), b.packets(), b.bytes(), b.inIf(), b.outIf(), b.start(), b.end()), "flow " + i);
            assertEquals(v5 ? a.srcAs() : -1, b.srcAs());
            assertEquals(a.protocol() == 6 ? a.tcpFlags() : -1, b.tcpFlags());
            assertEquals(null, b.exporter(), "stream version 1 names no exporter");
        }
        String expected = "flow-tools v" + (v5 ? 5 : 1) + (zlib ? ", zlib" : "") + ", stream version 1";
        assertTrue(input.formats().containsKey(expected), input.formats().toString());
    }

    /** The common head of a v8 record (uptime and exporter swapped for 8.3, 8.11, 8.12) at export time now. */
    private static ByteBuffer v8Head(int agg, int size, long now) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.BIG_ENDIAN);
        b.putInt((int) (now / 1000)).putInt(0);
        if (agg == 11 || agg == 12) {
            b.putInt(ip("127.0.55.9")).putInt((int) UPTIME);
        } else {
            b.putInt((int) UPTIME).putInt(ip("127.0.55.9"));
        }
        if (agg < 6 || agg > 8) {
            b.putInt(4); // flows
        }
        return b.putInt(40).putInt(4000).putInt((int) UPTIME - 30_000).putInt((int) UPTIME - 2000);
    }

    /** The v8.6-8.14 records of flow-tools' ftlib.h, each with distinct values, and what the reader must give. */
    static List<Object[]> v8Cases(long now) {
        List<Object[]> cases = new ArrayList<>();
        ByteBuffer b = v8Head(6, 52, now).putInt(ip("192.0.2.6")).putInt(3).putInt(ip("10.0.0.254"))
                .putShort((short) 7).putShort((short) 0).put((byte) 0x10).put((byte) 0).put((byte) 1).put((byte) 2);
        cases.add(new Object[] {6, b.array(), "null 192.0.2.6 -1 -1 -1 -1 7 -1 -1 1 258"});
        b = v8Head(7, 56, now).putInt(ip("192.0.2.7")).putInt(ip("198.51.100.7")).putInt(3).putInt(0)
                .putShort((short) 8).putShort((short) 9).put((byte) 0).put((byte) 0).put((byte) 1).put((byte) 3);
        cases.add(new Object[] {7, b.array(), "198.51.100.7 192.0.2.7 -1 -1 -1 9 8 -1 -1 1 259"});
        b = v8Head(8, 64, now).putInt(ip("192.0.2.8")).putInt(ip("198.51.100.8")).putInt(0).putInt(0)
                .putShort((short) 443).putShort((short) 40000).putShort((short) 10).putShort((short) 11)
                .put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 4).put((byte) 6).put((byte) 0).putShort((short) 0);
        cases.add(new Object[] {8, b.array(), "198.51.100.8 192.0.2.8 40000 443 6 11 10 -1 -1 1 4"});
        b = v8Head(9, 48, now).putShort((short) 64509).putShort((short) 64510).putShort((short) 12).putShort((short) 13)
                .put((byte) 0).put((byte) 5).put((byte) 0x20).put((byte) 0);
        cases.add(new Object[] {9, b.array(), "null null -1 -1 -1 12 13 64509 64510 4 5"});
        b = v8Head(10, 48, now).putShort((short) 1234).putShort((short) 53).putShort((short) 14).putShort((short) 15)
                .put((byte) 0).put((byte) 6).put((byte) 17).put((byte) 0x20);
        cases.add(new Object[] {10, b.array(), "null null 1234 53 17 14 15 -1 -1 4 6"});
        b = v8Head(11, 48, now).putInt(ip("10.11.0.0")).put((byte) 16).put((byte) 0).putShort((short) 64511)
                .putShort((short) 16).put((byte) 0).put((byte) 7);
        cases.add(new Object[] {11, b.array(), "10.11.0.0/16 null -1 -1 -1 16 -1 64511 -1 4 7"});
        b = v8Head(12, 48, now).putInt(ip("10.12.0.0")).putShort((short) 17).putShort((short) 64512).put((byte) 24)
                .put((byte) 0).put((byte) 0).put((byte) 8);
        cases.add(new Object[] {12, b.array(), "null 10.12.0.0/24 -1 -1 -1 -1 17 -1 64512 4 8"});
        b = v8Head(13, 60, now).putInt(ip("10.13.0.0")).putInt(ip("10.113.0.0")).putShort((short) 64513)
                .putShort((short) 64514).putShort((short) 18).putShort((short) 19).put((byte) 20).put((byte) 12)
                .put((byte) 0).put((byte) 9).put((byte) 0).put((byte) 0).putShort((short) 0);
        cases.add(new Object[] {13, b.array(), "10.13.0.0/12 10.113.0.0/20 -1 -1 -1 18 19 64513 64514 4 9"});
        b = v8Head(14, 60, now).putInt(ip("10.14.0.0")).putInt(ip("10.114.0.0")).putShort((short) 5000)
                .putShort((short) 80).putShort((short) 20).putShort((short) 21).put((byte) 22).put((byte) 14)
                .put((byte) 0).put((byte) 10).put((byte) 0).put((byte) 6).putShort((short) 0);
        cases.add(new Object[] {14, b.array(), "10.14.0.0/14 10.114.0.0/22 5000 80 6 20 21 -1 -1 4 10"});
        return cases;
    }

    @Test
    @DisplayName("v8.6-8.14 (router shortcut caches and the ToS aggregations): every field at its ftlib.h place")
    void v8TosAndShortcut() throws Exception {
        long now = 1_714_564_800_000L;
        for (Object[] c : v8Cases(now)) {
            int agg = (Integer) c[0];
            List<FlowRecord> back = new ArrayList<>();
            FlowToolsReader r = new FlowToolsReader("v8." + agg, new ByteArrayInputStream(
                    file(ByteOrder.BIG_ENDIAN, 8, agg, agg % 2 == 0, List.of((byte[]) c[1], (byte[]) c[1]))));
            r.read(back::add);
            assertEquals(2, back.size(), "v8." + agg);
            FlowRecord f = back.get(1);
            String got = f.src() + " " + f.dst() + " " + f.srcPort() + " " + f.dstPort() + " " + f.protocol() + " "
                    + f.inIf() + " " + f.outIf() + " " + f.srcAs() + " " + f.dstAs() + " " + f.flows() + " " + f.domain();
            assertEquals(c[2], got, "v8." + agg + ": src dst sport dport proto in out srcAs dstAs flows engine");
            assertEquals(List.of(40L, 4000L, now - 30_000, now - 2000, "127.0.55.9"), List.of(f.packets(), f.bytes(),
                    f.start().toEpochMilli(), f.end().toEpochMilli(), f.exporter()), "v8." + agg + " counters, times");
        }
    }

    @Test
    @DisplayName("unknown stream versions and aggregations and cut records are refused with one-line reasons")
    void refused() throws Exception {
        byte[] v2 = {(byte) 0xCF, 0x10, 1, 2, 0, 5, 0, 0, 0, 0, 0, 0};
        IOException e = assertThrows(IOException.class,
                () -> new FlowToolsReader("odd.ft", new ByteArrayInputStream(v2)).read(f -> { }));
        assertEquals("odd.ft: flow-tools stream version 2 is not one this tool knows (1, 3)", e.getMessage());
        byte[] v1v7 = version1File(ByteOrder.LITTLE_ENDIAN, 7, false, List.of());
        e = assertThrows(IOException.class, () -> new FlowToolsReader("old.ft", new ByteArrayInputStream(v1v7)).read(f -> { }));
        assertTrue(e.getMessage().startsWith("old.ft: flow-tools stream version 1 with export version 7"), e.getMessage());
        byte[] v815 = file(ByteOrder.LITTLE_ENDIAN, 8, 15, false, List.of());
        e = assertThrows(IOException.class, () -> new FlowToolsReader("agg.ft", new ByteArrayInputStream(v815)).read(f -> { }));
        assertTrue(e.getMessage().contains("aggregation 15 are not read"), e.getMessage());
        byte[] cut = file(ByteOrder.LITTLE_ENDIAN, 5, 0, false, List.of(new byte[64], new byte[30]));
        e = assertThrows(IOException.class, () -> new FlowToolsReader("cut.ft", new ByteArrayInputStream(cut)).read(f -> { }));
        assertEquals("cut.ft: flow-tools record 2 cut short (30 of 64 bytes)", e.getMessage());
    }
}
