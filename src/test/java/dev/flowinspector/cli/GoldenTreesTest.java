package dev.flowinspector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.flowinspector.decode.Bytes;
import dev.flowinspector.testutil.PcapWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reviewed text trees ({@code flowinspector decode}, like {@code tshark -V}) of export packets built here byte by
 * byte: one per NetFlow version, v9 options templates and data, IPFIX enterprise elements and variable-length
 * fields, and RFC 6313 lists. Golden files: {@code src/test/resources/dev/flowinspector/cli/golden/}; each was read
 * against RFC 3954 / 7011 / 6313 and against tshark's dissection of the same capture. To compare again, run with
 * {@code -Dgolden.pcaps=DIR}: the inputs are written there as pcaps, for
 * {@code tshark -V -o cflow.netflow.ports:2055 -o cflow.ipfix.ports:4739 -r DIR/NAME.pcap}.
 */
@DisplayName("decode text trees match their reviewed golden files")
class GoldenTreesTest {

    /** 2023-11-14T22:13:20Z. */
    static final long SECS = 1_700_000_000L;
    /** Router uptime at export: 1 hour. */
    static final long UPTIME = 3_600_000L;
    static final String EXPORTER = "192.0.2.1";
    static final String COLLECTOR = "192.0.2.100";

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("v1", List.of(2055, v1())),
                Arguments.of("v5", List.of(2055, v5())),
                Arguments.of("v7", List.of(2055, v7())),
                Arguments.of("v8", List.of(2055, v8As(), 2055, v8ProtocolPort(), 2055, v8FullFlow())),
                Arguments.of("v9-options", List.of(2055, v9WithOptions())),
                Arguments.of("ipfix-enterprise-varlen", List.of(4739, ipfixEnterpriseVarlen())),
                Arguments.of("ipfix-rfc6313-lists", List.of(4739, ipfixLists())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("the text tree is the reviewed one")
    void tree(String name, List<Object> portsAndPayloads) throws IOException {
        PcapWriter w = new PcapWriter();
        long micros = SECS * 1_000_000L + 250_000L;
        for (int i = 0; i < portsAndPayloads.size(); i += 2) {
            w.udp(EXPORTER, 50000, COLLECTOR, (Integer) portsAndPayloads.get(i), micros + i * 500L,
                    (byte[]) portsAndPayloads.get(i + 1));
        }
        Path pcap = w.write(dir.resolve(name + ".pcap"));
        String review = System.getProperty("golden.pcaps");
        if (review != null && !review.isBlank()) {
            Files.createDirectories(Path.of(review));
            w.write(Path.of(review, name + ".pcap"));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.run(new PrintWriter(out), new PrintWriter(err), "decode", pcap.toString());
        assertEquals(0, rc, err.toString());
        assertEquals("", err.toString());
        Golden.check("golden/" + name + ".txt", out.toString().replace(pcap.toString(), name + ".pcap"));
    }

    @Test
    @DisplayName("a missing golden file fails and is not written")
    void missingGoldenFails() {
        Path missing = Path.of("src/test/resources/dev/flowinspector/cli/golden/no-such-golden-file.txt");
        assumeFalse(Boolean.getBoolean(Golden.UPDATE), "golden files are being written");
        assertThrows(AssertionError.class, () -> Golden.check("golden/no-such-golden-file.txt", "anything\n"));
        assertFalse(Files.exists(missing));
    }

    // ------------------------------------------------------------------ NetFlow v1-v8 (Cisco's fixed formats)

    /** v1: 16-byte header (version, count, uptime, secs, nsecs), two 48-byte records. */
    static byte[] v1() {
        Bytes b = Bytes.of().u16(1).u16(2).u32(UPTIME).u32(SECS).u32(500_000_000L);
        b.ipv4("10.0.0.1").ipv4("192.0.2.10").ipv4("10.0.0.254").u16(3).u16(7).u32(10).u32(1400)
                .u32(UPTIME - 10_000).u32(UPTIME - 1_000).u16(40000).u16(443).u16(0)
                .u8(6).u8(0).u8(0x1b).zeros(3).u32(0);
        b.ipv4("10.0.0.2").ipv4("198.51.100.53").ipv4("10.0.0.254").u16(3).u16(8).u32(1).u32(72)
                .u32(UPTIME - 2_000).u32(UPTIME - 2_000).u16(53000).u16(53).u16(0)
                .u8(17).u8(0xb8).u8(0).zeros(3).u32(0);
        return b.bytes();
    }

    /** v5: 24-byte header with sequence, engine and sampling (mode 1, 1 in 100), two 48-byte records. */
    static byte[] v5() {
        Bytes b = Bytes.of().u16(5).u16(2).u32(UPTIME).u32(SECS).u32(250_000_000L).u32(1000)
                .u8(1).u8(2).u16((1 << 14) | 100);
        b.ipv4("10.0.0.1").ipv4("192.0.2.10").ipv4("10.0.0.254").u16(3).u16(7).u32(10).u32(1400)
                .u32(UPTIME - 10_000).u32(UPTIME - 1_000).u16(40000).u16(443)
                .u8(0).u8(0x12).u8(6).u8(0).u16(64500).u16(64501).u8(24).u8(16).u16(0);
        b.ipv4("10.0.0.2").ipv4("198.51.100.53").ipv4("0.0.0.0").u16(3).u16(0).u32(1).u32(72)
                .u32(UPTIME - 2_000).u32(UPTIME - 2_000).u16(53000).u16(53)
                .u8(0).u8(0).u8(17).u8(0xb8).u16(0).u16(13335).u8(32).u8(0).u16(0);
        return b.bytes();
    }

    /** v7 (Catalyst): v5's header with a reserved word instead of engine/sampling, 52-byte records. */
    static byte[] v7() {
        Bytes b = Bytes.of().u16(7).u16(2).u32(UPTIME).u32(SECS).u32(0).u32(77).u32(0);
        b.ipv4("10.1.0.1").ipv4("192.0.2.20").ipv4("10.1.0.254").u16(5).u16(6).u32(4).u32(240)
                .u32(UPTIME - 5_000).u32(UPTIME - 4_000).u16(1024).u16(22)
                .u8(0x01).u8(0x18).u8(6).u8(0x10).u16(0).u16(0).u8(0).u8(0).u16(0).ipv4("10.1.0.250");
        b.ipv4("10.1.0.2").ipv4("192.0.2.21").ipv4("0.0.0.0").u16(5).u16(0).u32(2).u32(168)
                .u32(UPTIME - 3_000).u32(UPTIME - 2_500).u16(0).u16(0)
                .u8(0x02).u8(0).u8(1).u8(0).u16(0).u16(0).u8(0).u8(0).u16(0).ipv4("10.1.0.250");
        return b.bytes();
    }

    /** v8 header: 28 bytes, aggregation scheme and its version 2. */
    static Bytes v8Header(int count, long seq, int aggregation) {
        return Bytes.of().u16(8).u16(count).u32(UPTIME).u32(SECS).u32(0).u32(seq).u8(0).u8(3).u8(aggregation)
                .u8(2).u32(0);
    }

    /** v8 AS aggregation (1): 28-byte records. */
    static byte[] v8As() {
        Bytes b = v8Header(2, 500, 1);
        b.u32(12).u32(340).u32(250_000).u32(UPTIME - 60_000).u32(UPTIME - 100).u16(64500).u16(15169).u16(3).u16(7);
        b.u32(1).u32(2).u32(120).u32(UPTIME - 500).u32(UPTIME - 400).u16(0).u16(13335).u16(3).u16(8);
        return b.bytes();
    }

    /** v8 Protocol/Port aggregation (2): 28-byte records. */
    static byte[] v8ProtocolPort() {
        Bytes b = v8Header(1, 502, 2);
        b.u32(40).u32(80).u32(6_400).u32(UPTIME - 30_000).u32(UPTIME - 10).u8(17).u8(0).u16(0).u16(0).u16(53);
        return b.bytes();
    }

    /** v8 Full Flow (ToS) aggregation (8): 44-byte records, destination first. */
    static byte[] v8FullFlow() {
        Bytes b = v8Header(1, 503, 8);
        b.ipv4("192.0.2.30").ipv4("10.2.0.1").u16(80).u16(49152).u32(6).u32(900).u32(UPTIME - 900).u32(UPTIME - 50)
                .u16(9).u16(4).u8(0x20).u8(6).u8(0x28).u8(0).u32(0).ipv4("10.2.0.250");
        return b.bytes();
    }

    // ------------------------------------------------------------------ NetFlow v9 (RFC 3954)

    /**
     * v9 with a template (256), an options template (257: scope System, sampling interval, algorithm, active
     * timeout), two data records and one options data record; flowsets padded to 4 bytes.
     */
    static byte[] v9WithOptions() {
        Bytes b = Bytes.of().v9Header(5, UPTIME, SECS, 41, 7);
        b.set(0).u16(256).u16(15);
        int[][] fields = {{8, 4}, {12, 4}, {15, 4}, {10, 2}, {14, 2}, {2, 4}, {1, 4}, {22, 4}, {21, 4}, {7, 2},
            {11, 2}, {4, 1}, {6, 1}, {5, 1}, {56, 6}};
        for (int[] f : fields) {
            b.u16(f[0]).u16(f[1]);
        }
        b.end();
        b.set(1).u16(257).u16(4).u16(12).u16(1).u16(4).u16(34).u16(4).u16(35).u16(1).u16(36).u16(2).u16(0).end();
        b.set(256);
        b.ipv4("10.0.0.1").ipv4("192.0.2.10").ipv4("10.0.0.254").u16(3).u16(7).u32(10).u32(1400)
                .u32(UPTIME - 10_000).u32(UPTIME - 1_000).u16(40000).u16(443).u8(6).u8(0x1b).u8(0)
                .hex("005056a1b2c3");
        b.ipv4("10.0.0.2").ipv4("198.51.100.53").ipv4("10.0.0.254").u16(3).u16(8).u32(1).u32(72)
                .u32(UPTIME - 2_000).u32(UPTIME - 2_000).u16(53000).u16(53).u8(17).u8(0).u8(0xb8)
                .hex("005056a1b2c4");
        b.u16(0).end();
        b.set(257).ipv4("192.0.2.1").u32(100).u8(2).u16(60).u8(0).end();
        return b.bytes();
    }

    // ------------------------------------------------------------------ IPFIX (RFC 7011, RFC 6313)

    static final long NTOP = 35632;
    static final long PLIXER = 13745;
    /** RFC 5612 documentation PEN: no dictionary knows its elements. */
    static final long DOC_PEN = 32473;

    /** A variable-length value (RFC 7011 §7): one length byte below 255, else 255 and a 16-bit length. */
    static Bytes varlen(Bytes b, byte[] v, boolean longForm) {
        if (longForm || v.length >= 255) {
            b.u8(255).u16(v.length);
        } else {
            b.u8(v.length);
        }
        return b.raw(v);
    }

    /**
     * IPFIX: template 256 with IANA fields (reduced-size packetDeltaCount, millisecond times, applicationName of
     * variable length), ntop's L7_PROTO and L7_PROTO_NAME (variable length), Plixer's clientIPv4Address and an
     * element of a PEN nobody describes; two records, the second name in the three-byte length form.
     */
    static byte[] ipfixEnterpriseVarlen() {
        Bytes b = Bytes.of().ipfixHeader(SECS, 9000, 42);
        b.set(2).u16(256).u16(14);
        b.u16(8).u16(4).u16(12).u16(4).u16(7).u16(2).u16(11).u16(2).u16(4).u16(1).u16(1).u16(8).u16(2).u16(4)
                .u16(152).u16(8).u16(153).u16(8).u16(96).u16(0xffff);
        b.u16(0x8000 | 118).u16(2).u32(NTOP);
        b.u16(0x8000 | 119).u16(0xffff).u32(NTOP);
        b.u16(0x8000 | 100).u16(4).u32(PLIXER);
        b.u16(0x8000 | 7).u16(4).u32(DOC_PEN);
        b.end();
        b.set(256);
        long start = SECS * 1000 - 9_877;
        b.ipv4("10.0.0.1").ipv4("192.0.2.10").u16(40000).u16(443).u8(6).u64(1_234_567_890_123L).u32(1_000_000)
                .u64(start).u64(start + 9_500);
        varlen(b, "https".getBytes(StandardCharsets.UTF_8), false);
        b.u16(91);
        varlen(b, "TLS".getBytes(StandardCharsets.UTF_8), true);
        b.ipv4("10.0.0.1").hex("deadbeef");
        b.ipv4("10.0.0.2").ipv4("198.51.100.53").u16(53000).u16(53).u8(17).u64(72).u32(1)
                .u64(start + 100).u64(start + 100);
        varlen(b, new byte[0], false);
        b.u16(5);
        varlen(b, "DNS".getBytes(StandardCharsets.UTF_8), false);
        b.ipv4("10.0.0.2").hex("00000001");
        b.end();
        return b.endAll().bytes();
    }

    /**
     * IPFIX with RFC 6313 structured data: template 258 (source, destination address) and 259 (ports) used inside
     * lists; template 256 with flowId, a basicList of egressInterface (allOf), a basicList of variable-length
     * applicationName (exactlyOneOf), a basicList of an enterprise element (ntop L7_PROTO, noneOf), a
     * subTemplateList of 258 (allOf, two records) and a subTemplateMultiList (allOf: 258 with one record, 259 with
     * two).
     */
    static byte[] ipfixLists() {
        Bytes b = Bytes.of().ipfixHeader(SECS, 77, 5);
        b.set(2);
        b.u16(258).u16(2).u16(8).u16(4).u16(12).u16(4);
        b.u16(259).u16(2).u16(7).u16(2).u16(11).u16(2);
        b.u16(256).u16(6).u16(148).u16(8).u16(291).u16(0xffff).u16(291).u16(0xffff).u16(291).u16(0xffff)
                .u16(292).u16(0xffff).u16(293).u16(0xffff);
        b.end();
        b.set(256);
        b.u64(1001);
        // basicList: semantic allOf (3), egressInterface (14), 4 bytes each, three elements
        list(b, Bytes.of().u8(3).u16(14).u16(4).u32(7).u32(8).u32(9));
        // basicList: semantic exactlyOneOf (1), applicationName (96) of variable length, two elements
        Bytes names = Bytes.of().u8(1).u16(96).u16(0xffff);
        varlen(names, "dns".getBytes(StandardCharsets.UTF_8), false);
        varlen(names, "quic".getBytes(StandardCharsets.UTF_8), false);
        list(b, names);
        // basicList: semantic noneOf (0), ntop L7_PROTO (enterprise bit, PEN follows the length), two elements
        list(b, Bytes.of().u8(0).u16(0x8000 | 118).u16(2).u32(NTOP).u16(5).u16(91));
        // subTemplateList: semantic allOf (3), template 258, two records
        list(b, Bytes.of().u8(3).u16(258).ipv4("10.0.0.1").ipv4("192.0.2.10").ipv4("10.0.0.2")
                .ipv4("192.0.2.11"));
        // subTemplateMultiList: semantic allOf (3); 258 with one record, 259 with two
        Bytes multi = Bytes.of().u8(3);
        multi.begin(2).u16(258).u16(0).ipv4("10.0.0.3").ipv4("192.0.2.12").end();
        multi.begin(2).u16(259).u16(0).u16(40000).u16(443).u16(40001).u16(8443).end();
        list(b, multi);
        b.end();
        return b.endAll().bytes();
    }

    /** A list as a variable-length field value. */
    private static void list(Bytes b, Bytes content) {
        varlen(b, content.bytes(), false);
    }
}
