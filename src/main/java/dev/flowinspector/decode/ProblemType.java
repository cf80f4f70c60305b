package dev.flowinspector.decode;

/**
 * A registered kind of problem (like Wireshark's expert info registration).
 *
 * @param code      stable dotted code, e.g. {@code ipfix.set.length.short}
 * @param severity  severity
 * @param group     group
 * @param summary   one-line summary
 * @param reference the RFC section it rests on, e.g. "RFC 7011 §3.3.1"
 */
public record ProblemType(String code, Severity severity, ProblemGroup group, String summary, String reference) {
}
