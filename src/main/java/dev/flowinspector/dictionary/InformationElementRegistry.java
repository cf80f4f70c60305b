package dev.flowinspector.dictionary;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * All known information elements, loaded from the data files under
 * {@code /dev/flowinspector/dictionary/}: the IANA registry, NetFlow v9 field types and one file per
 * enterprise (PEN). Immutable once loaded; thread-safe.
 *
 * <p>File formats (tab-separated, '#' starts a comment line):
 * <ul>
 *   <li>{@code packs.tsv}: pen, file, organisation. Every IE file, IANA's included (pen 0).</li>
 *   <li>IE files: id, name, dataType, semantics, units, status, description.</li>
 *   <li>{@code netflow-v9.tsv}: type, name, dataType, semantics, units[, status, description]. A row whose
 *       dataType is empty takes the IANA element of the same name.</li>
 *   <li>{@code enterprise-numbers.tsv}: pen, organisation.</li>
 *   <li>{@code enums/index.tsv}: elementName, file; {@code enums/<file>}: value, label.</li>
 * </ul>
 */
public final class InformationElementRegistry {

    /** PEN of RFC 5103 reverse information elements. */
    public static final long REVERSE_PEN = 29305L;
    /** First NetFlow v9 field type that ntop nProbe maps onto its PEN 35632 elements. */
    public static final int NTOP_V9_BASE = 57472;
    /** ntop's private enterprise number. */
    public static final long NTOP_PEN = 35632L;

    private static final String BASE = "/dev/flowinspector/dictionary/";
    private static volatile InformationElementRegistry standard;

    private final Map<Long, InformationElement> byKey;
    private final Map<Integer, InformationElement> v9;
    private final Map<String, InformationElement> byName;
    private final Map<Long, String> enterprises;
    /** Element name → its file under enums/; each file is read the first time a label of it is asked for. */
    private final Map<String, String> enumFiles;
    private final Map<String, Map<Long, String>> enums = new java.util.concurrent.ConcurrentHashMap<>();

    private InformationElementRegistry(Map<Long, InformationElement> byKey, Map<Integer, InformationElement> v9,
                                       Map<Long, String> enterprises, Map<String, String> enumFiles) {
        this.byKey = byKey;
        this.v9 = v9;
        this.enterprises = enterprises;
        this.enumFiles = enumFiles;
        Map<String, InformationElement> names = new HashMap<>();
        for (InformationElement ie : byKey.values()) {
            if (ie.pen() == 0 || !names.containsKey(ie.name())) {
                names.put(ie.name(), ie);
            }
        }
        this.byName = names;
    }

    private Map<Long, String> services = Map.of();

    /** The registry built from the bundled data files (loaded once). */
    public static InformationElementRegistry standard() {
        InformationElementRegistry r = standard;
        if (r == null) {
            synchronized (InformationElementRegistry.class) {
                r = standard;
                if (r == null) {
                    r = load();
                    standard = r;
                }
            }
        }
        return r;
    }

    private static long key(long pen, int id) {
        return (pen << 16) | (id & 0x7fff);
    }

    /** The IPFIX element (pen, id); never null: unknown elements are synthesised as octet arrays. */
    public InformationElement ipfix(long pen, int id) {
        InformationElement ie = byKey.get(key(pen, id));
        if (ie != null) {
            return ie;
        }
        if (pen == REVERSE_PEN) {
            InformationElement fwd = byKey.get(key(0, id));
            if (fwd != null) {
                return reverseOf(fwd);
            }
        }
        return InformationElement.unknown(pen, id);
    }

    /** True when the registry has a definition of (pen, id). */
    public boolean isKnown(long pen, int id) {
        return byKey.containsKey(key(pen, id)) || (pen == REVERSE_PEN && byKey.containsKey(key(0, id)));
    }

    /**
     * IANA elements that have no reverse counterpart (RFC 5103 §6.1): the process configuration and process
     * statistics elements, the identifiers of flows, templates and domains, flowKeyIndicator,
     * paddingOctets and biflowDirection itself.
     */
    private static final Set<Integer> NOT_REVERSIBLE = Set.of(
            40, 41, 42, 130, 131, 137, 145, 148, 149, 163, 164, 165, 166, 167, 168, 173, 210,
            211, 212, 213, 214, 215, 216, 217, 239);

    /** Whether IANA element {@code id} may appear as a reverse element under PEN 29305 (RFC 5103 §6.1). */
    public static boolean isReversible(int id) {
        return !NOT_REVERSIBLE.contains(id);
    }

    /** The RFC 5103 reverse counterpart of an IANA element: "reverseOctetDeltaCount". */
    public static InformationElement reverseOf(InformationElement fwd) {
        String n = fwd.name();
        String rn = "reverse" + Character.toUpperCase(n.charAt(0)) + n.substring(1);
        return new InformationElement(REVERSE_PEN, fwd.id(), rn, fwd.type(), fwd.semantics(), fwd.units(),
                fwd.status(), "reverse " + fwd.name(), true);
    }

    /** The element a NetFlow v9 field type stands for (RFC 3954 §8); never null. */
    public InformationElement v9(int type) {
        InformationElement ie = v9.get(type);
        if (ie != null) {
            return ie;
        }
        if (type >= NTOP_V9_BASE) {
            InformationElement nt = byKey.get(key(NTOP_PEN, type - NTOP_V9_BASE));
            if (nt != null) {
                return nt;
            }
        }
        if (type < 32768) {
            InformationElement iana = byKey.get(key(0, type));
            if (iana != null) {
                return iana;
            }
        }
        return InformationElement.unknown(0, type);
    }

    /** An element by name (IANA first). */
    public Optional<InformationElement> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Organisation for a private enterprise number, or "PEN n" when unknown. */
    public String enterpriseName(long pen) {
        if (pen == 0) {
            return "IANA";
        }
        String n = enterprises.get(pen);
        return n != null ? n : "PEN " + pen;
    }

    /** Label of an enumerated value ("TCP" for protocolIdentifier 6), or null. */
    public String enumLabel(InformationElement ie, long value) {
        return enumLabel(ie.name(), value);
    }

    /** True when the element named {@code elementName} has enumerated values with labels. */
    public boolean hasEnumeration(String elementName) {
        return enumFiles.containsKey(elementName);
    }

    /** Label of an enumerated value of the element named {@code elementName}, or null. */
    public String enumLabel(String elementName, long value) {
        String file = enumFiles.get(elementName);
        return file == null ? null : enums.computeIfAbsent(elementName, n -> enumeration(file)).get(value);
    }

    /**
     * One enumeration file, read on first use: every resource look-up searches all JDK modules before the class
     * path, and a run needs only a few of the files (start-up, docs/decisions/0024).
     */
    private static Map<Long, String> enumeration(String file) {
        Map<Long, String> m = new HashMap<>();
        for (String[] r : rows("enums/" + file, true)) {
            m.put(Long.parseLong(r[0].trim()), col(r, 1));
        }
        return Collections.unmodifiableMap(m);
    }

    /** The elements one enterprise's pack defines (pen 0: the IANA registry), sorted by id. */
    public List<InformationElement> elementsOf(long pen) {
        List<InformationElement> out = new ArrayList<>();
        for (InformationElement ie : byKey.values()) {
            if (ie.pen() == pen) {
                out.add(ie);
            }
        }
        out.sort(java.util.Comparator.comparingInt(InformationElement::id));
        return out;
    }

    /** Every element defined by the data files (not the synthesised reverse ones). */
    public Collection<InformationElement> all() {
        return Collections.unmodifiableCollection(byKey.values());
    }

    /** Every NetFlow v9 field type with its element. */
    public Map<Integer, InformationElement> v9Types() {
        return Collections.unmodifiableMap(v9);
    }

    // ---------------------------------------------------------------- loading

    private static InformationElementRegistry load() {
        Map<Long, InformationElement> byKey = new HashMap<>();
        Map<Long, String> enterprises = new HashMap<>();
        for (String[] row : rows("enterprise-numbers.tsv", false)) {
            if (row.length >= 2) {
                enterprises.put(Long.parseLong(row[0].trim()), row[1].trim());
            }
        }
        for (String[] pack : rows("packs.tsv", true)) {
            long pen = Long.parseLong(pack[0].trim());
            if (pack.length >= 3 && !pack[2].isBlank()) {
                enterprises.putIfAbsent(pen, pack[2].trim());
            }
            for (String[] r : rows(pack[1].trim(), true)) {
                int id = Integer.parseInt(r[0].trim());
                InformationElement ie = new InformationElement(pen, id, col(r, 1), DataType.fromName(col(r, 2)),
                        col(r, 3), col(r, 4), col(r, 5), col(r, 6), true);
                byKey.put(key(pen, id), ie);
            }
        }
        Map<String, InformationElement> ianaByName = new HashMap<>();
        for (InformationElement ie : byKey.values()) {
            if (ie.pen() == 0) {
                ianaByName.put(ie.name(), ie);
            }
        }
        Map<Integer, InformationElement> v9 = new HashMap<>();
        for (String[] r : rows("netflow-v9.tsv", false)) {
            int type = Integer.parseInt(r[0].trim());
            String name = col(r, 1);
            String dt = col(r, 2);
            InformationElement iana = ianaByName.get(name);
            if (dt.isEmpty() && iana != null) {
                v9.put(type, iana);
            } else {
                v9.put(type, new InformationElement(0, type, name, DataType.fromName(dt.isEmpty() ? null : dt),
                        col(r, 3), col(r, 4), col(r, 5), col(r, 6), true));
            }
        }
        Map<String, String> enumFiles = new HashMap<>();
        for (String[] e : rows("enums/index.tsv", false)) {
            enumFiles.put(e[0].trim(), e[1].trim());
        }
        Map<Long, String> services = new HashMap<>();
        for (String[] r : rows("services.tsv", true)) {
            int port = Integer.parseInt(r[0].trim());
            for (String t : col(r, 1).split(",")) {
                services.put(serviceKey(t.trim(), port), col(r, 2));
            }
        }
        InformationElementRegistry reg = new InformationElementRegistry(byKey, v9, enterprises, enumFiles);
        reg.services = Collections.unmodifiableMap(services);
        return reg;
    }

    private static long serviceKey(String transport, int port) {
        return (transport.equals("udp") ? 1L << 16 : 0L) | port;
    }

    /**
     * The service name of a port (services.tsv: "HTTPS" for TCP 443, "QUIC" for UDP 443), or null; protocol is
     * the IP protocol number (TCP 6 and SCTP 132 use the tcp names, UDP 17 the udp names, others have none).
     */
    public String serviceName(int protocol, int port) {
        String t = protocol == 6 || protocol == 132 ? "tcp" : protocol == 17 ? "udp" : null;
        return t == null || port < 0 ? null : services.get(serviceKey(t, port));
    }

    private static String col(String[] r, int i) {
        return i < r.length ? r[i].trim() : "";
    }

    /**
     * The rows of one data file, split at tabs; blank and comment lines left out. Only the first file is looked up
     * on the class path: every such look-up searches all JDK modules first, and there are twenty files. The others
     * are read relative to it (docs/decisions/0024).
     */
    private static List<String[]> rows(String file, boolean required) {
        List<String[]> out = new ArrayList<>();
        String text;
        try (InputStream in = open(file)) {
            if (in == null) {
                if (required) {
                    throw new IllegalStateException("missing dictionary resource " + BASE + file);
                }
                return out;
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = 0;
        int n = text.length();
        while (start < n) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = n;
            }
            int stop = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            if (text.charAt(start) != '#' && !blank(text, start, stop)) {
                out.add(columns(text, start, stop));
            }
            start = end + 1;
        }
        return out;
    }

    private static boolean blank(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The tab-separated columns of text[from, to), empty ones kept (as {@code split("\t", -1)}). */
    private static String[] columns(String text, int from, int to) {
        int count = 1;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\t') {
                count++;
            }
        }
        String[] out = new String[count];
        int c = 0;
        int s = from;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\t') {
                out[c++] = text.substring(s, i);
                s = i + 1;
            }
        }
        out[c] = text.substring(s, to);
        return out;
    }

    /** The URL of packs.tsv, which every other data file sits beside or under. */
    private static URL directory;

    /** One data file, or null when there is none. */
    private static synchronized InputStream open(String file) throws IOException {
        if (directory == null) {
            directory = InformationElementRegistry.class.getResource(BASE + "packs.tsv");
            if (directory == null) {
                return InformationElementRegistry.class.getResourceAsStream(BASE + file);
            }
        }
        try {
            return new URL(directory, file).openStream();
        } catch (FileNotFoundException e) { // a jar has no such entry, or a directory no such file
            return null;
        }
    }
}
