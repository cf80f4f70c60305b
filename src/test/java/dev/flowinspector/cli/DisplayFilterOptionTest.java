package dev.flowinspector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.cli.DecodeCommandTest.Run;
import dev.flowinspector.testutil.PcapWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code decode -Y} and {@code analyze -Y}: tshark's habit, the GUI's filter. */
class DisplayFilterOptionTest {

    @TempDir
    Path dir;

    /** Frame 1: a v9 template; frames 2..9: one record each, 10.1.0.N:1000+N → 192.0.2.9:port, TCP or UDP. */
    Path capture() throws IOException {
        return capture(Integer.MAX_VALUE);
    }

    /** {@link #capture()}, with a sequence gap before frame {@code gapAt}: its sequence number skips one. */
    Path capture(int gapAt) throws IOException {
        PcapWriter w = new PcapWriter().udp("127.0.55.2", 40000, "127.0.55.1", 2055, 1_700_000_000_000_000L,
                DecodeCommandTest.v9Header(1, 1).u16(0).u16(4 + 4 + 20).u16(256).u16(5)
                        .u16(8).u16(4).u16(12).u16(4).u16(7).u16(2).u16(11).u16(2).u16(4).u16(1).bytes());
        for (int n = 2; n <= 9; n++) {
            byte[] data = DecodeCommandTest.v9Header(1, n < gapAt ? n : n + 1).u16(256).u16(4 + 13 + 3)
                    .ipv4("10.1.0." + n).ipv4("192.0.2.9").u16(1000 + n).u16(n % 2 == 0 ? 443 : 53).u8(n % 2 == 0 ? 6 : 17)
                    .zeros(3).bytes();
            w.udp("127.0.55.2", 40000, "127.0.55.1", 2055, 1_700_000_000_000_000L + n * 1000L, data);
        }
        return w.write(dir.resolve("filter.pcap"));
    }

    private static List<String> frames(String fieldsOut) {
        List<String> out = new ArrayList<>();
        for (String line : fieldsOut.split("\n")) {
            if (!line.isBlank()) {
                out.add(line.split("\t")[0]);
            }
        }
        return out;
    }

    /** {@code decode -F fields -e frame -Y filter} with the mode's options over file; it must exit 0. */
    private static Run fields(String filter, List<String> mode, String file) {
        List<String> args = new ArrayList<>(List.of("decode", "-F", "fields", "-e", "frame", "-Y", filter));
        args.addAll(mode);
        args.add(file);
        Run r = DecodeCommandTest.run(args.toArray(String[]::new));
        assertEquals(0, r.status(), r.err());
        return r;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"foo.bar == 1", "sourceIPv4Address == 10.0.0.300", "destinationTransportPort == 70000",
        "sourceIPv4Address == 6", "version = 9"})
    @DisplayName("a bad filter exits 2 with one line naming the token and its column, before reading anything")
    void badFilter(String filter) throws IOException {
        for (String cmd : List.of("decode", "analyze")) {
            Run r = DecodeCommandTest.run(cmd, "-Y", filter, capture().toString());
            assertEquals(2, r.status(), r.err());
            assertEquals("", r.out());
            String line = r.err().strip();
            assertEquals(1, line.lines().count(), line);
            assertTrue(line.startsWith("flowinspector " + cmd + ": -Y: "), line);
            assertTrue(line.contains("(column "), line);
            assertFalse(line.contains("Exception"), line);
        }
        Run r = DecodeCommandTest.run("decode", "-Y", "foo.bar == 1", capture().toString());
        assertTrue(r.err().contains("'foo.bar'"), r.err());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "sourceIPv4Address == 10.1.0.3;3",
        "cflow.srcaddr == 10.1.0.3;3",
        "cflow.dstport == 53 && !(cflow.srcaddr in {10.1.0.3 10.1.0.5});7 9",
        "cflow.srcport in {1002..1004} or protocolIdentifier == udp;2 3 4 5 7 9",
        "sourceIPv4Address == 10.1.0.0/29 and destinationTransportPort != 443;3 5 7",
        "template.id == 256 && records == 0;1",
        "frame > 7;8 9",
        "unixSecs == 1700000000 && frame > 7;8 9",
        "cflow.unix_secs >= 1700000000 && frame == 9;9",
    })
    @DisplayName("decode -Y selects the same frames in every output mode, sequential or on workers, in frame order")
    void decodeSelects(String filter, String expected) throws IOException {
        String file = capture().toString();
        List<String> want = List.of(expected.split(" "));
        for (List<String> mode : List.of(List.of("--workers", "0"), List.of("--workers", "3", "--batch-bytes", "1"),
                List.of("--one-pass", "--workers", "2", "--batch-bytes", "1"))) {
            Run r = fields(filter, mode, file);
            if (filter.contains("records == 0")) {
                assertEquals("", r.out(), "fields output has no record lines for a template frame: " + mode);
            } else {
                assertEquals(want, frames(r.out()), "frames " + mode);
            }
        }
        Run seq = DecodeCommandTest.run("decode", "--workers", "0", "-Y", filter, file);
        Run par = DecodeCommandTest.run("decode", "--workers", "3", "--batch-bytes", "1", "-Y", filter, file);
        assertEquals(seq.out(), par.out(), "text tree on workers equals the sequential one");
        Run json = DecodeCommandTest.run("decode", "-F", "jsonl", "-Y", filter, file);
        List<String> jsonFrames = new ArrayList<>();
        for (var n : json.lines()) {
            jsonFrames.add(n.get("frame").asText());
        }
        assertEquals(want, jsonFrames, "jsonl frames");
    }

    @Test
    @DisplayName("decode -Y on a cross-packet problem selects its frame in every output mode, two passes or one")
    void crossPacketProblem() throws IOException {
        String file = capture(6).toString();
        String filter = "problem == \"sequence.loss\"";
        for (List<String> mode : List.of(List.of("--workers", "0"), List.of("--workers", "3", "--batch-bytes", "1"),
                List.of("--one-pass", "--workers", "2", "--batch-bytes", "1"), List.of("--one-pass", "--workers", "0"))) {
            assertEquals(List.of("6"), frames(fields(filter, mode, file).out()), "frames " + mode);
        }
        Run text = DecodeCommandTest.run("decode", "-Y", filter, file);
        assertTrue(text.out().startsWith("Frame 6:"), text.out());
        assertEquals(1, text.out().lines().filter(l -> l.startsWith("Frame ")).count(), text.out());
        Run json = DecodeCommandTest.run("decode", "-F", "jsonl", "-Y", filter, file);
        assertEquals(1, json.lines().size(), json.out());
        assertEquals("6", json.lines().get(0).get("frame").asText());
    }

    @Test
    @DisplayName("analyze -Y keeps only the flow records that match, from a capture and from JSON lines")
    void analyze() throws IOException {
        String file = capture().toString();
        Run all = DecodeCommandTest.run("analyze", file);
        assertTrue(all.err().startsWith("8 flows"), all.err());
        Run tcp = DecodeCommandTest.run("analyze", "-Y", "cflow.protocol == 6 && sourceIPv4Address != 10.1.0.2", file);
        assertEquals(0, tcp.status(), tcp.err());
        assertTrue(tcp.err().startsWith("3 flows"), tcp.err());
        assertFalse(tcp.out().contains("10.1.0.2:"), tcp.out());
        Path jsonl = dir.resolve("flows.jsonl");
        Files.writeString(jsonl, """
                {"exporter":"192.0.2.1:2055","sourceIPv4Address":"10.0.0.1","destinationIPv4Address":"10.0.0.2","sourceTransportPort":1234,"destinationTransportPort":80,"protocolIdentifier":6,"octetDeltaCount":100}
                {"exporter":"192.0.2.1:2055","sourceIPv4Address":"10.0.0.3","destinationIPv4Address":"10.0.0.2","sourceTransportPort":1235,"destinationTransportPort":53,"protocolIdentifier":17,"octetDeltaCount":60}
                {"exporter":"192.0.2.7:2055","sourceIPv4Address":"10.0.0.4","destinationIPv4Address":"10.0.0.2","sourceTransportPort":1236,"destinationTransportPort":443,"protocolIdentifier":6,"octetDeltaCount":900}
                """);
        Run j = DecodeCommandTest.run("analyze", "-Y", "destinationTransportPort in {80, 443} && exporter == 192.0.2.1",
                jsonl.toString());
        assertEquals(0, j.status(), j.err());
        assertTrue(j.err().startsWith("1 flows"), j.err());
        assertTrue(j.out().contains("10.0.0.1:1234"), j.out());
    }
}
