package dev.flowinspector.testutil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes a classic little-endian pcap of Ethernet/IPv4/UDP frames carrying the given payloads. */
public final class PcapWriter {

    private final List<byte[]> frames = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();

    /** Adds a UDP datagram src:sport -> dst:dport at the given epoch microseconds. */
    public PcapWriter udp(String src, int sport, String dst, int dport, long timeMicros, byte[] payload) {
        int udpLen = 8 + payload.length;
        byte[] pseudo = new Bytes().ipv4(src).ipv4(dst).u8(0).u8(17).u16(udpLen)
                .u16(sport).u16(dport).u16(udpLen).u16(0).raw(payload).bytes();
        long sum = 0;
        for (int i = 0; i < pseudo.length; i += 2) {
            sum += ((pseudo[i] & 0xff) << 8) | (i + 1 < pseudo.length ? pseudo[i + 1] & 0xff : 0);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        int checksum = (int) (~sum & 0xffff);
        Bytes b = new Bytes()
                .hex("020000000002 020000000001 0800")
                .u8(0x45).u8(0).u16(20 + udpLen).u16(1).u16(0).u8(64).u8(17).u16(0).ipv4(src).ipv4(dst)
                .u16(sport).u16(dport).u16(udpLen).u16(checksum == 0 ? 0xffff : checksum).raw(payload);
        frames.add(b.bytes());
        times.add(timeMicros);
        return this;
    }

    /** The file's bytes. */
    public byte[] bytes() {
        Bytes b = new Bytes();
        le32(b, 0xa1b2c3d4L);
        b.u8(2).u8(0).u8(4).u8(0);
        le32(b, 0);
        le32(b, 0);
        le32(b, 65535);
        le32(b, 1);
        for (int i = 0; i < frames.size(); i++) {
            long t = times.get(i);
            le32(b, t / 1_000_000);
            le32(b, t % 1_000_000);
            le32(b, frames.get(i).length);
            le32(b, frames.get(i).length);
            b.raw(frames.get(i));
        }
        return b.bytes();
    }

    public Path write(Path p) throws IOException {
        Files.write(p, bytes());
        return p;
    }

    private static void le32(Bytes b, long v) {
        b.u8((int) v).u8((int) (v >> 8)).u8((int) (v >> 16)).u8((int) (v >> 24));
    }
}
