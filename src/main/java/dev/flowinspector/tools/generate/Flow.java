package dev.flowinspector.tools.generate;

/**
 * One generated record: a flow, or for an options template the option values (sampling, interface names).
 * Times are absolute, in ms since the epoch; encoders turn them into uptime-relative values where the
 * format wants that (NetFlow v5/v9 first/last switched).
 */
public final class Flow {
    /** 4 bytes (IPv4) or 16 (IPv6). */
    public byte[] src;
    public byte[] dst;
    public byte[] nextHop;
    public int srcPort;
    public int dstPort;
    public int protocol;
    public int tos;
    public int tcpFlags;
    public long packets;
    public long octets;
    public long startMs;
    public long endMs;
    public int inIf;
    public int outIf;
    public long srcAs;
    public long dstAs;
    public int srcMask;
    public int dstMask;
    public int endReason;
    /** Application name (IPFIX applicationName), or null. */
    public String application;
    /** Raw application name bytes overriding {@link #application} (fault injection), or null. */
    public byte[] applicationRaw;
    // options records
    public long samplerId;
    public int samplingAlgorithm;
    public long samplingInterval;
    public long samplingSpace;
    public int ifIndex;
    public String ifName;
    public String ifDescription;
    public long systemScope;

    public boolean ipv6() {
        return src != null && src.length == 16;
    }
}
