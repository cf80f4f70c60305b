package dev.flowinspector.capture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * IPFIX over TCP (RFC 7011 §10.4): puts each direction's segments back in sequence order and cuts the byte
 * stream into IPFIX messages by the message header's length field. Bounded: at most {@link #MAX_STREAMS}
 * streams, {@link #MAX_OUT_OF_ORDER} bytes held out of order per stream; when a segment is lost for good the
 * stream resynchronises on the next plausible IPFIX message header.
 */
final class TcpReassembly {

    static final int MAX_STREAMS = 4096;
    static final int MAX_OUT_OF_ORDER = 256 * 1024;
    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;

    /** One IPFIX message cut from a stream. */
    record Message(byte[] payload, long firstFrame, long lastFrame, boolean resynced) {
    }

    private static final class Stream {
        long next = -1;
        Boolean ipfix;
        byte[] buf = new byte[4096];
        int start;
        int end;
        final TreeMap<Long, byte[]> outOfOrder = new TreeMap<>();
        int outOfOrderBytes;
        final ArrayDeque<long[]> segments = new ArrayDeque<>(); // {absolute end, frame}
        long consumed;
        long appended;
        boolean resynced;

        int available() {
            return end - start;
        }

        void append(byte[] d, int off, int len, long frame) {
            if (len <= 0) {
                return;
            }
            if (end + len > buf.length) {
                int live = end - start;
                if (live + len > buf.length) {
                    buf = Arrays.copyOf(Arrays.copyOfRange(buf, start, end), Math.max(buf.length * 2, live + len));
                } else {
                    System.arraycopy(buf, start, buf, 0, live);
                }
                start = 0;
                end = live;
            }
            System.arraycopy(d, off, buf, end, len);
            end += len;
            appended += len;
            segments.add(new long[] {appended, frame});
        }

        void drop(int n) {
            start += n;
            consumed += n;
            while (!segments.isEmpty() && segments.peek()[0] <= consumed) {
                segments.poll();
            }
            if (start == end) {
                start = 0;
                end = 0;
            }
        }

        long frameAt(long absolute) {
            for (long[] s : segments) {
                if (s[0] > absolute) {
                    return s[1];
                }
            }
            return segments.isEmpty() ? -1 : segments.peekLast()[1];
        }
    }

    private final ExportPorts ports;
    private final Map<String, Stream> streams = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Stream> eldest) {
            return size() > MAX_STREAMS;
        }
    };

    TcpReassembly(ExportPorts ports) {
        this.ports = ports;
    }

    /** Feeds one segment of the stream {@code key} (one direction); returns the IPFIX messages it completes. */
    List<Message> segment(String key, int srcPort, int dstPort, long seq, int flags, byte[] d, int off, int len,
                          long frame) {
        Stream s = streams.get(key);
        if ((flags & SYN) != 0) {
            s = new Stream();
            streams.put(key, s);
            s.next = (seq + 1) & 0xffffffffL;
            seq = s.next;
        }
        if (s == null) {
            if (len == 0) {
                return List.of();
            }
            s = new Stream();
            streams.put(key, s);
            s.next = seq;
        }
        List<Message> out = List.of();
        if (!Boolean.FALSE.equals(s.ipfix) && len > 0) {
            add(s, seq, d, off, len, frame);
            out = messages(s, srcPort, dstPort);
        }
        if ((flags & (FIN | RST)) != 0) {
            streams.remove(key);
        }
        return out;
    }

    private static void add(Stream s, long seq, byte[] d, int off, int len, long frame) {
        int diff = (int) (seq - s.next);
        if (diff < 0) {
            if (-diff >= len) {
                return; // retransmission of bytes already taken
            }
            off -= diff;
            len += diff;
            diff = 0;
        }
        if (diff > 0) {
            s.outOfOrder.merge(seq, Arrays.copyOfRange(d, off, off + len), (a, b) -> a.length >= b.length ? a : b);
            s.outOfOrderBytes += len;
            if (s.outOfOrderBytes <= MAX_OUT_OF_ORDER) {
                return;
            }
            // the missing bytes are not coming: give them up and go on from the earliest held segment
            long first = s.outOfOrder.firstKey();
            s.drop(s.available());
            s.next = first;
            s.resynced = true;
        } else {
            s.append(d, off, len, frame);
            s.next = (s.next + len) & 0xffffffffL;
        }
        boolean progress = true;
        while (progress && !s.outOfOrder.isEmpty()) {
            progress = false;
            Iterator<Map.Entry<Long, byte[]>> it = s.outOfOrder.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<Long, byte[]> e = it.next();
                int dd = (int) (e.getKey() - s.next);
                if (dd <= 0) {
                    it.remove();
                    byte[] b = e.getValue();
                    s.outOfOrderBytes -= b.length;
                    if (-dd < b.length) {
                        s.append(b, -dd, b.length + dd, frame);
                        s.next = (s.next + b.length + dd) & 0xffffffffL;
                    }
                    progress = true;
                }
            }
        }
    }

    private List<Message> messages(Stream s, int srcPort, int dstPort) {
        if (s.ipfix == null) {
            int avail = s.available();
            if (avail < 20 && !(avail >= 16 && ExportPorts.looksLikeIpfixHeader(s.buf, s.start, avail)
                    && ((s.buf[s.start + 2] & 0xff) << 8 | (s.buf[s.start + 3] & 0xff)) == 16)) {
                return List.of();
            }
            if (ports.isIpfixStream(srcPort, dstPort, s.buf, s.start, avail)) {
                s.ipfix = true;
            } else if (ports.ports().contains(dstPort) || ports.ports().contains(srcPort)) {
                s.ipfix = true; // a known port, caught mid-stream: find the next message header
                s.resynced = true;
            } else {
                s.ipfix = false;
                s.drop(s.available());
                s.outOfOrder.clear();
                return List.of();
            }
        }
        List<Message> out = new ArrayList<>();
        while (s.available() >= 4) {
            if (!ExportPorts.looksLikeIpfixHeader(s.buf, s.start, Math.min(s.available(), 20))) {
                int skip = 1;
                while (skip + 4 <= s.available()
                        && !ExportPorts.looksLikeIpfixHeader(s.buf, s.start + skip, Math.min(s.available() - skip, 20))) {
                    skip++;
                }
                s.drop(Math.min(skip, s.available() - 3));
                s.resynced = true;
                continue;
            }
            int mlen = (s.buf[s.start + 2] & 0xff) << 8 | (s.buf[s.start + 3] & 0xff);
            if (s.available() < mlen) {
                break;
            }
            long first = s.frameAt(s.consumed);
            long last = s.frameAt(s.consumed + mlen - 1);
            out.add(new Message(Arrays.copyOfRange(s.buf, s.start, s.start + mlen), first, last, s.resynced));
            s.resynced = false;
            s.drop(mlen);
        }
        return out;
    }
}
