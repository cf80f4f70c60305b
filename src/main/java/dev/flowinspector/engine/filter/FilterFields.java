package dev.flowinspector.engine.filter;

import dev.flowinspector.decode.FieldPlan;
import dev.flowinspector.decode.PacketTree;
import dev.flowinspector.dictionary.DataType;
import dev.flowinspector.dictionary.InformationElement;
import dev.flowinspector.dictionary.InformationElementRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The names a display filter knows and what each stands for: information elements (IANA and vendor packs),
 * dotted names ({@code nf5.sourceIPv4Address}), header fields, packet fields ({@code version}, {@code exporter},
 * {@code problem}, ...) and Wireshark's {@code cflow.*} names as aliases (measured with tshark:
 * {@code cflow-aliases.tsv}, made by {@code tools/dictionary/build_cflow_aliases.py}).
 */
public final class FilterFields {

    /** What kind of value a field holds, which decides how a filter value is read and compared. */
    public enum Kind { NUMBER, FLOAT, IPV4, IPV6, ADDRESS, MAC, TEXT, BYTES, TIME, BOOL, PROBLEM, SEVERITY, ANY }

    /** Where a field's values come from. */
    public enum Source { PACKET, HEADER, ELEMENT }

    /**
     * One thing a name stands for.
     *
     * @param name    the field's own name (an element, header or packet field name)
     * @param source  where its values are
     * @param kind    its value kind
     * @param type    the element's data type (null for packet and header fields)
     * @param prefix  for a dotted name ({@code nf5.x}): the version prefix the packet must have, else null
     * @param scale   a number in the filter is multiplied by this (tshark seconds to our milliseconds), or null
     */
    public record Field(String name, Source source, Kind kind, DataType type, String prefix, BigDecimal scale) {
    }

    /** Packet fields: name and kind. */
    static final Map<String, Kind> PACKET = new LinkedHashMap<>();
    /** Header field names of v1-v9 and IPFIX. */
    static final Set<String> HEADER = new TreeSet<>(List.of("count", "sysUptime", "unixSecs", "unixNsecs",
            "sequenceNumber", "flowSequence", "packageSequence", "exportTime", "observationDomainId", "sourceId",
            "engineType", "engineId", "sampling", "samplingMode", "samplingInterval", "aggregation",
            "aggregationVersion", "reserved"));
    /** Header field names that are packet fields too ({@link #PACKET}). */
    static final Set<String> HEADER_PACKET = Set.of("version", "sequence", "length");
    /** Names the v1-v8 fixed layouts use that are not registry elements. */
    private static final Map<String, Kind> LEGACY = Map.of("routerSc", Kind.IPV4, "extraPackets", Kind.NUMBER,
            "padding", Kind.BYTES, "padding1", Kind.BYTES, "padding2", Kind.BYTES);
    private static final Set<String> PREFIXES = Set.of("nf1", "nf5", "nf7", "nf8", "nf9", "ipfix");
    /** Names Wireshark users try that are not cflow fields, and what to use instead. */
    private static final Map<String, String> HINTS = new TreeMap<>();

    static {
        for (String n : List.of("version", "frame", "frame.number", "domain", "sequence", "records", "sets", "length",
                "templates", "template.id", "set.id", "set.length", "exporter.port")) {
            PACKET.put(n, Kind.NUMBER);
        }
        PACKET.put("exporter", Kind.ADDRESS);
        PACKET.put("collector", Kind.ADDRESS);
        for (String n : List.of("problem", "problem.code")) {
            PACKET.put(n, Kind.PROBLEM);
        }
        PACKET.put("problem.severity", Kind.SEVERITY);
        PACKET.put("severity", Kind.SEVERITY);
        String flowSrc = "use 'sourceIPv4Address' (cflow.srcaddr) for a flow's source or 'exporter' for the packet's sender";
        String flowDst = "use 'destinationIPv4Address' (cflow.dstaddr) for a flow's destination or 'collector' for the packet's receiver";
        HINTS.put("ip.src", flowSrc);
        HINTS.put("ip.addr", flowSrc);
        HINTS.put("ip.dst", flowDst);
        HINTS.put("ipv6.src", "use 'sourceIPv6Address' (cflow.srcaddrv6) or 'exporter'");
        HINTS.put("ipv6.dst", "use 'destinationIPv6Address' (cflow.dstaddrv6) or 'collector'");
        for (String p : List.of("tcp", "udp")) {
            HINTS.put(p + ".srcport", "use 'sourceTransportPort' (cflow.srcport) or 'exporter.port'");
            HINTS.put(p + ".dstport", "use 'destinationTransportPort' (cflow.dstport)");
            HINTS.put(p + ".port", "use 'sourceTransportPort' / 'destinationTransportPort' (cflow.srcport, cflow.dstport)");
        }
        HINTS.put("ip.proto", "use 'protocolIdentifier' (cflow.protocol)");
    }

    private static volatile FilterFields standard;

    private final InformationElementRegistry registry;
    private final Map<String, List<Field>> aliases;
    /** NetFlow v9 field types that are not registry elements (Cisco ASA's NF_F_* above 32767, ...), by name. */
    private final Map<String, InformationElement> v9Only = new TreeMap<>();
    private volatile List<String> names;

    private FilterFields(InformationElementRegistry registry, Map<String, List<Field>> aliases) {
        this.registry = registry;
        this.aliases = aliases;
        for (InformationElement ie : registry.v9Types().values()) {
            if (registry.byName(ie.name()).isEmpty()) {
                v9Only.putIfAbsent(ie.name(), ie);
            }
        }
    }

    /** The catalog over the standard registry and the bundled cflow aliases. */
    public static FilterFields standard() {
        FilterFields f = standard;
        if (f == null) {
            synchronized (FilterFields.class) {
                f = standard;
                if (f == null) {
                    f = new FilterFields(InformationElementRegistry.standard(), new TreeMap<>());
                    f.loadAliases();
                    standard = f;
                }
            }
        }
        return f;
    }

    private void loadAliases() {
        try (InputStream in = FilterFields.class.getResourceAsStream("cflow-aliases.tsv")) {
            if (in == null) {
                throw new IllegalStateException("cflow-aliases.tsv is missing from the class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] c = line.split("\t");
                List<Field> targets = new ArrayList<>();
                for (String t : c[1].split(",")) {
                    int star = t.indexOf('*');
                    String n = star < 0 ? t : t.substring(0, star);
                    BigDecimal scale = star < 0 ? null : new BigDecimal(t.substring(star + 1));
                    Field base = own(n, null);
                    if (base != null) {
                        targets.add(new Field(base.name(), base.source(), base.kind(), base.type(), null, scale));
                    }
                }
                if (!targets.isEmpty()) {
                    aliases.put(c[0], List.copyOf(targets));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Wireshark cflow names known as aliases, with what each stands for. */
    public Map<String, List<Field>> aliases() {
        return Collections.unmodifiableMap(aliases);
    }

    /**
     * What a name stands for (several fields for some aliases: cflow.srcport is sourceTransportPort,
     * tcpSourcePort or udpSourcePort), or an empty list when the name is unknown.
     */
    public List<Field> resolve(String name) {
        List<Field> a = aliases.get(name);
        if (a != null) {
            return a;
        }
        Field f = own(name, null);
        if (f != null) {
            return List.of(f);
        }
        int dot = name.indexOf('.');
        if (dot > 0 && PREFIXES.contains(name.substring(0, dot))) {
            String rest = name.substring(dot + 1);
            if (rest.startsWith("header.")) {
                rest = rest.substring(7);
            }
            Field e = own(rest, null);
            if (e != null && e.source() != Source.PACKET) {
                return List.of(new Field(e.name(), e.source(), e.kind(), e.type(), name.substring(0, dot), null));
            }
        }
        return List.of();
    }

    private Field own(String name, String prefix) {
        Kind k = PACKET.get(name);
        if (k != null) {
            return new Field(name, Source.PACKET, k, null, prefix, null);
        }
        InformationElement ie = registry.byName(name).orElseGet(() -> v9Only.get(name));
        if (ie == null && name.startsWith("reverse") && name.length() > 7) {
            String fwd = Character.toLowerCase(name.charAt(7)) + name.substring(8);
            InformationElement f = registry.byName(fwd).orElse(null);
            if (f != null && InformationElementRegistry.isReversible(f.id()) && f.pen() == 0) {
                ie = InformationElementRegistry.reverseOf(f);
            }
        }
        if (ie != null) {
            return new Field(ie.name(), Source.ELEMENT, kind(ie.type()), ie.type(), prefix, null);
        }
        if (HEADER.contains(name)) {
            return new Field(name, Source.HEADER, Kind.NUMBER, null, prefix, null);
        }
        k = LEGACY.get(name);
        return k == null ? null : new Field(name, Source.ELEMENT, k, null, prefix, null);
    }

    /** The filter kind of an element's data type, from the field plan's kind ({@link FieldPlan.Kind#of}). */
    static Kind kind(DataType t) {
        if (t == null) {
            return Kind.ANY;
        }
        return switch (FieldPlan.Kind.of(t)) {
            case UNSIGNED, UNSIGNED256, SIGNED -> Kind.NUMBER;
            case FLOAT -> Kind.FLOAT;
            case BOOLEAN -> Kind.BOOL;
            case MAC -> Kind.MAC;
            case STRING -> Kind.TEXT;
            case OCTETS -> Kind.BYTES;
            case SECONDS, MILLIS, MICROS, NANOS -> Kind.TIME;
            case IPV4 -> Kind.IPV4;
            case IPV6 -> Kind.IPV6;
            case LIST -> Kind.ANY;
        };
    }

    /**
     * True when a packet header (or a part of one: v5 sampling mode and interval) may have a field of this name,
     * so an element of the same name is looked for in the header too.
     */
    static boolean inHeader(String name) {
        return HEADER.contains(name) || HEADER_PACKET.contains(name);
    }

    /** Every name the filter accepts, sorted (for completion). */
    public List<String> names() {
        List<String> n = names;
        if (n == null) {
            Set<String> all = new TreeSet<>(PACKET.keySet());
            all.addAll(HEADER);
            all.addAll(LEGACY.keySet());
            for (InformationElement ie : registry.all()) {
                all.add(ie.name());
            }
            all.addAll(v9Only.keySet());
            all.addAll(aliases.keySet());
            n = List.copyOf(all);
            names = n;
        }
        return n;
    }

    /** What to say about an unknown name: a hint for Wireshark names of other protocols, else the nearest name. */
    public String suggest(String unknown) {
        String h = HINTS.get(unknown.toLowerCase(Locale.ROOT));
        if (h != null) {
            return h;
        }
        String best = nearest(unknown, false);
        if (best != null) {
            return "did you mean '" + best + "'?";
        }
        best = nearest(unknown, true);
        return best == null ? "type a few letters for a list of names" : "the nearest name is '" + best + "'";
    }

    /**
     * The known name closest to {@code unknown} (case-insensitive edit distance), or null when none is close
     * (or, with {@code any}, when there is no name at all).
     */
    public String nearest(String unknown, boolean any) {
        String u = unknown.toLowerCase(Locale.ROOT);
        boolean cflow = u.startsWith("cflow.");
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String n : names()) {
            if (cflow != n.startsWith("cflow.")) {
                continue;
            }
            String l = n.toLowerCase(Locale.ROOT);
            int d = l.equals(u) ? 0 : distance(u, l, bestD);
            if (d < bestD || d == bestD && best != null && n.length() < best.length()) {
                best = n;
                bestD = d;
            }
        }
        if (best == null) {
            return null;
        }
        String stem = cflow ? u.substring(6) : u;
        return any || bestD <= Math.max(2, stem.length() / 2) ? best : null;
    }

    /** Levenshtein distance, giving up (returning a large number) once it exceeds {@code limit}. */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return Integer.MAX_VALUE;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int c = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + c);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin > limit) {
                return Integer.MAX_VALUE;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The version prefix of a packet ({@code nf5}, {@code ipfix}) for dotted names. */
    static String prefixOf(int version) {
        return PacketTree.prefix(version);
    }
}
