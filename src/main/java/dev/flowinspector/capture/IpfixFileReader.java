package dev.flowinspector.capture;

import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.Transport;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * IPFIX files (RFC 5655 §6): IPFIX messages one after another, nothing around them. Each message is one
 * frame with no transport and unknown endpoints; its time is the message's export time.
 */
final class IpfixFileReader extends AbstractCaptureReader {

    private final byte[] header = new byte[16];

    IpfixFileReader(String name, CaptureInput in, long size) {
        super(name, in, size);
    }

    @Override
    protected boolean readRecord() throws IOException {
        long start = in.pos();
        int got = in.read(header, 0, 16);
        if (got == 0) {
            return false;
        }
        if (got < 16) {
            return damaged("message " + (frameNo + 1) + " header cut short at " + at(start) + " (" + got
                    + " of 16 bytes)");
        }
        int version = ((header[0] & 0xff) << 8) | (header[1] & 0xff);
        int length = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
        if (version != 10) {
            return damaged("message " + (frameNo + 1) + " at " + at(start) + " has version " + version
                    + ", not 10 (IPFIX); the file is damaged from here");
        }
        if (length < 16) {
            return damaged("message " + (frameNo + 1) + " at " + at(start) + " has length " + length
                    + ", less than its 16-byte header; the file is damaged from here");
        }
        byte[] msg = Arrays.copyOf(header, length);
        int n = in.read(msg, 16, length - 16);
        if (n < length - 16) {
            return damaged("message " + (frameNo + 1) + " at " + at(start) + " cut short (" + (16 + n) + " of "
                    + length + " bytes)");
        }
        frameNo++;
        long exportSeconds = PcapReader.be32(msg, 4) & 0xffffffffL;
        emit(List.of(new Frame(frameNo, exportSeconds * 1_000_000_000L, Endpoint.UNKNOWN, Endpoint.UNKNOWN,
                Transport.NONE, msg, -1, null, start, null, List.of())));
        return true;
    }
}
