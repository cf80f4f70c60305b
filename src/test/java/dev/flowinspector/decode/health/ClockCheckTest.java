package dev.flowinspector.decode.health;

import static dev.flowinspector.decode.health.Feed.T0;
import static dev.flowinspector.decode.health.Feed.codes;
import static dev.flowinspector.decode.health.Hex.ipfix;
import static dev.flowinspector.decode.health.Hex.set;
import static dev.flowinspector.decode.health.Hex.v5;
import static dev.flowinspector.decode.health.Hex.v9;
import static dev.flowinspector.decode.health.Hex.v9Template;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.decode.Problem;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Export time against capture time and the previous packet; sysUptime going backwards (RFC 3954 §5.1). */
class ClockCheckTest {

    private static byte[] data() {
        return set(256, Hex.of().u32(1).build());
    }

    @Test
    @DisplayName("Export time an hour ahead of capture time: a note on the export time field, once")
    void skew() {
        Feed f = new Feed();
        List<Problem> ps = f.at(0, ipfix(T0 + 3600, 0, 1));
        assertEquals(List.of("header.time.skew"), codes(ps));
        assertEquals(4, ps.get(0).offset());
        assertTrue(ps.get(0).message().contains("1 h ahead"), ps.get(0).message());
        assertEquals(List.of(), f.at(1, ipfix(T0 + 3601, 0, 1)), "the same offset is not reported again");
        assertEquals(3_600_000, f.analyzer.exporters().get(0).clockOffsetMs());
    }

    @Test
    @DisplayName("Export time within the tolerance of capture time: nothing")
    void noSkew() {
        Feed f = new Feed();
        assertEquals(List.of(), f.at(0, ipfix(T0 + 30, 0, 1)));
        Feed g = new Feed(HealthOptions.DEFAULTS.withClockSkew(Duration.ofSeconds(10)));
        assertEquals(List.of("header.time.skew"), codes(g.at(0, ipfix(T0 + 30, 0, 1))));
    }

    @Test
    @DisplayName("Export time going backwards: a warning; going forward or staying: nothing")
    void exportBackwards() {
        Feed f = new Feed();
        f.at(0, ipfix(T0, 0, 1));
        assertEquals(List.of(), f.at(0.5, ipfix(T0, 0, 1)));
        List<Problem> ps = f.at(1, ipfix(T0 - 20, 0, 1));
        assertEquals(List.of("header.time.backwards"), codes(ps));
        assertTrue(ps.get(0).message().contains("went back 20 s"), ps.get(0).message());
        assertEquals(List.of(), f.at(2, ipfix(T0 + 2, 0, 1)));
    }

    @Test
    @DisplayName("One v5 packet with unix_nsecs out of range: flagged itself, and no false 'backwards' after it")
    void badNsecsIsNotTheReference() {
        Feed f = new Feed();
        long uptime = 100_000;
        for (int i = 0; i < 5; i++) {
            assertEquals(List.of(), f.at(i * 0.05, v5(1, uptime + i * 50L, T0, i, 0, 0, 0)));
        }
        byte[] bad = v5(1, uptime + 250, T0, 5, 0, 0, 0);
        bad[12] = (byte) 0xff; bad[13] = (byte) 0xff; bad[14] = (byte) 0xff; bad[15] = (byte) 0xff; // nsecs 2^32-1
        assertEquals(List.of(), codes(f.at(0.25, bad)), "the cross-packet checks leave the bad time alone");
        assertEquals(List.of("nf5.header.nsecs.range"), codes(f.packets.get(f.packets.size() - 1).problems()),
                "the decoder flags the field itself");
        for (int i = 6; i < 30; i++) {
            long nanos = (i * 50L % 1000) * 1_000_000L;
            byte[] next = v5(1, uptime + i * 50L, T0 + i * 50L / 1000, i, 0, 0, 0);
            next[12] = (byte) (nanos >>> 24); next[13] = (byte) (nanos >>> 16);
            next[14] = (byte) (nanos >>> 8); next[15] = (byte) nanos;
            assertEquals(List.of(), f.at(i * 0.05, next), "packet " + i + " after the bad one");
        }
        byte[] older = v5(1, uptime + 100, T0, 30, 0, 0, 0);
        assertEquals(List.of("header.time.backwards"), codes(f.at(1.55, older)),
                "a really older packet is still reported");
    }

    @Test
    @DisplayName("sysUptime going backwards with a new boot time: restart; the sequence restart is a reset, not loss")
    void reboot() {
        Feed f = new Feed();
        f.at(0, v5(3, 500_000, T0, 100, 0, 0, 0));
        List<Problem> ps = f.at(10, v5(3, 2_000, T0 + 10, 0, 0, 0, 0));
        assertEquals(List.of("header.uptime.backwards", "sequence.reset"), codes(ps));
        assertEquals(4, ps.get(0).offset());
        assertTrue(ps.get(0).message().contains("restarted"), ps.get(0).message());
        ExporterHealth h = f.analyzer.exporters().get(0);
        assertEquals(1, h.reboots());
        assertEquals(0, h.lost());
    }

    @Test
    @DisplayName("sysUptime and export time both going back as much: an older packet, not a restart")
    void olderPacketIsNotReboot() {
        Feed f = new Feed();
        f.at(0, v9(1, 500_000, T0, 10, 0, v9Template(256, 1, 4)));
        List<Problem> ps = f.at(1, v9(1, 470_000, T0 - 30, 9, 0, data()));
        assertEquals(List.of("header.time.backwards", "sequence.duplicate"), codes(ps));
        assertTrue(ps.get(0).message().contains("older packet"), ps.get(0).message());
        assertEquals(0, f.analyzer.exporters().get(0).reboots());
    }

    @Test
    @DisplayName("sysUptime wrapping around 2^32 ms (49.7 days) is not a restart")
    void uptimeWrap() {
        Feed f = new Feed();
        f.at(0, v5(1, 0xffff_ff00L, T0, 1, 0, 0, 0));
        assertEquals(List.of(), f.at(1, v5(1, 0x300, T0 + 1, 2, 0, 0, 0)));
    }

    @Test
    @DisplayName("Data decoded with a template learned before a restart is stale until the template comes again")
    void staleTemplate() {
        Feed f = new Feed();
        f.at(0, v9(1, 500_000, T0, 1, 0, v9Template(256, 1, 4)));
        List<Problem> ps = f.at(10, v9(1, 1_000, T0 + 10, 0, 0, data()));
        assertEquals(List.of("header.uptime.backwards", "sequence.reset", "data.template.stale"), codes(ps));
        assertTrue(ps.get(2).message().contains("template 256 from frame 1"), ps.get(2).message());
        assertEquals(20, ps.get(2).offset());
        assertEquals(List.of(), f.at(11, v9(2, 2_000, T0 + 11, 1, 0, v9Template(256, 1, 4), data())));
        assertEquals(1, f.analyzer.exporters().get(0).staleTemplateSets());
    }
}
