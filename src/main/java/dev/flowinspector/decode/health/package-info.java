/**
 * Cross-packet analysis of an ordered stream of decoded export packets: sequence numbers (RFC 3954 §5.1,
 * RFC 7011 §3.1), export clocks and sysUptime, template lifetimes (RFC 7011 §8.4), exporter health and the
 * template timeline. Pure: packets in, problems and summaries out; no I/O.
 */
package dev.flowinspector.decode.health;
