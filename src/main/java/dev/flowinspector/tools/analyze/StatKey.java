package dev.flowinspector.tools.analyze;

import dev.flowinspector.engine.flow.ExporterOptions;
import dev.flowinspector.engine.flow.FlowNames;
import dev.flowinspector.engine.flow.FlowRecord;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * A key flows are counted by ({@code -s KEY}, {@code -A KEY,...}): nfdump's names (srcip, dstip, ip, srcport,
 * dstport, port, proto, srcas, dstas, as, inif, outif, if, exporter) and prefixes ({@code srcip4/24},
 * {@code dstip6/64}). The two-sided keys (ip, port, as, if) count a flow once for each side, as nfdump does.
 */
public final class StatKey {

    /** Every key name, for help text. */
    public static final List<String> NAMES = List.of("srcip", "dstip", "ip", "srcport", "dstport", "port", "proto",
            "srcas", "dstas", "as", "inif", "outif", "if", "exporter", "service", "srcip4/N", "dstip4/N", "srcip6/N",
            "dstip6/N");

    private final String name;
    private final String title;
    private final int side; // 0 src/one-sided, 1 dst, 2 both
    private final Kind kind;
    private final int bits;

    private enum Kind { IP, PORT, PROTO, AS, IF, EXPORTER, SERVICE, PREFIX4, PREFIX6 }

    private StatKey(String name, String title, Kind kind, int side, int bits) {
        this.name = name;
        this.title = title;
        this.kind = kind;
        this.side = side;
        this.bits = bits;
    }

    /** The key's name as given ("srcip4/24"). */
    public String name() {
        return name;
    }

    /** A column title ("Src IP Addr"). */
    public String title() {
        return title;
    }

    /** Parses a key name; an unknown name is an error that lists the known ones. */
    public static StatKey parse(String s) {
        String k = s.trim().toLowerCase(Locale.ROOT);
        int slash = k.indexOf('/');
        if (slash > 0) {
            String base = k.substring(0, slash);
            int n;
            try {
                n = Integer.parseInt(k.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + s + "': the prefix length after / must be a number");
            }
            boolean v6 = base.endsWith("6");
            if (!List.of("srcip4", "dstip4", "srcip6", "dstip6").contains(base) || n < 0 || n > (v6 ? 128 : 32)) {
                throw new IllegalArgumentException("'" + s + "': prefixes are srcip4/0-32, dstip4/0-32, srcip6/0-128,"
                        + " dstip6/0-128");
            }
            return new StatKey(k, (base.startsWith("src") ? "Src " : "Dst ") + "Net /" + n,
                    v6 ? Kind.PREFIX6 : Kind.PREFIX4, base.startsWith("src") ? 0 : 1, n);
        }
        return switch (k) {
            case "srcip" -> new StatKey(k, "Src IP Addr", Kind.IP, 0, 0);
            case "dstip" -> new StatKey(k, "Dst IP Addr", Kind.IP, 1, 0);
            case "ip" -> new StatKey(k, "IP Addr", Kind.IP, 2, 0);
            case "srcport" -> new StatKey(k, "Src Port", Kind.PORT, 0, 0);
            case "dstport" -> new StatKey(k, "Dst Port", Kind.PORT, 1, 0);
            case "port" -> new StatKey(k, "Port", Kind.PORT, 2, 0);
            case "proto" -> new StatKey(k, "Protocol", Kind.PROTO, 0, 0);
            case "srcas" -> new StatKey(k, "Src AS", Kind.AS, 0, 0);
            case "dstas" -> new StatKey(k, "Dst AS", Kind.AS, 1, 0);
            case "as" -> new StatKey(k, "AS", Kind.AS, 2, 0);
            case "inif" -> new StatKey(k, "Input If", Kind.IF, 0, 0);
            case "outif" -> new StatKey(k, "Output If", Kind.IF, 1, 0);
            case "if" -> new StatKey(k, "Interface", Kind.IF, 2, 0);
            case "exporter" -> new StatKey(k, "Exporter", Kind.EXPORTER, 0, 0);
            case "service" -> new StatKey(k, "Service", Kind.SERVICE, 0, 0);
            default -> throw new IllegalArgumentException("unknown key '" + s + "'; known: " + String.join(", ", NAMES)
                    + " (and record with -s)");
        };
    }

    /** Parses "srcip,dstport" into keys. */
    public static List<StatKey> parseList(String s) {
        List<StatKey> out = new ArrayList<>();
        for (String p : s.split(",")) {
            if (!p.isBlank()) {
                out.add(parse(p));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no key in '" + s + "'");
        }
        return out;
    }

    /** Calls the sink with the key value(s) of a flow: one, or two for a two-sided key; none when missing. */
    public void values(FlowRecord f, ExporterOptions names, BiConsumer<String, Integer> sink) {
        if (side == 2) {
            String a = value(f, 0, names);
            String b = value(f, 1, names);
            if (a != null) {
                sink.accept(a, 0);
            }
            if (b != null && !b.equals(a)) {
                sink.accept(b, 1);
            }
            return;
        }
        String v = value(f, side, names);
        if (v != null) {
            sink.accept(v, side);
        }
    }

    /** The value of one side of a flow ("-" rendered for a missing value in aggregation), or null. */
    public String value(FlowRecord f, int s, ExporterOptions names) {
        return switch (kind) {
            case IP -> s == 0 ? f.src() : f.dst();
            case PORT -> {
                int p = s == 0 ? f.srcPort() : f.dstPort();
                yield p < 0 ? null : Integer.toString(p);
            }
            case PROTO -> f.protocol() < 0 ? null : FlowNames.protocol(f.protocol());
            case AS -> {
                long a = s == 0 ? f.srcAs() : f.dstAs();
                yield a < 0 ? null : Long.toString(a);
            }
            case IF -> {
                long i = s == 0 ? f.inIf() : f.outIf();
                if (i < 0) {
                    yield null;
                }
                String n = names == null ? null : names.interfaceName(f.exporter(), f.domain(), i);
                yield f.exporterAddress() + " if " + i + (n != null ? " (" + n + ")" : "");
            }
            case EXPORTER -> f.exporter();
            case SERVICE -> FlowNames.service(f.protocol(), f.srcPort(), f.dstPort());
            case PREFIX4, PREFIX6 -> prefix(s == 0 ? f.src() : f.dst());
        };
    }

    /** The network of an address under this key's prefix length (an address of the other family stays whole). */
    private String prefix(String addr) {
        if (addr == null) {
            return null;
        }
        boolean v6 = addr.indexOf(':') >= 0;
        if (v6 != (kind == Kind.PREFIX6) || !addr.matches("[0-9A-Fa-f:.]+")) {
            return addr;
        }
        try {
            byte[] b = InetAddress.getByName(addr).getAddress();
            for (int i = 0; i < b.length; i++) {
                int keep = Math.max(0, Math.min(8, bits - 8 * i));
                b[i] &= (byte) (0xff00 >> keep);
            }
            String net = b.length == 4 ? (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff)
                    : dev.flowinspector.decode.ValueDecoder.ipv6(b, 0);
            return net + "/" + bits;
        } catch (UnknownHostException e) {
            return addr;
        }
    }

    /** 0 source side (or one-sided), 1 destination side, 2 both sides. */
    public int side() {
        return side;
    }

    /** True for address keys (whose values --resolve names). */
    public boolean isAddress() {
        return kind == Kind.IP;
    }
}
