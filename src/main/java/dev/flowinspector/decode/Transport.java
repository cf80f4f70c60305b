package dev.flowinspector.decode;

/** How an export packet travelled (RFC 7011 §10). */
public enum Transport {
    UDP, TCP, SCTP,
    /** From an IPFIX file (RFC 5655) or pasted bytes: no transport. */
    NONE
}
