package dev.flowinspector.engine.filter;

import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FieldValue;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.Template;
import dev.flowinspector.decode.TemplateField;
import dev.flowinspector.dictionary.DataType;
import dev.flowinspector.engine.filter.FilterFields.Field;
import java.util.List;
import java.util.function.Function;

/**
 * The one place the display filter reads decoded data: a field's values in an export packet, in one data
 * record, or in a flow record given as name/value pairs (the collector's JSON lines). Reads through the
 * current {@link DataRecord} / template API; meant to read through a per-template field plan later.
 */
final class FieldAccess {

    /** One value of a field: the typed value (see {@link FieldValue#value()}) and its display text. */
    record Item(Object value, String display) {
    }

    /** Where values go; returning true stops the walk (the test is decided). */
    @FunctionalInterface
    interface Sink {
        boolean accept(Item item);
    }

    private FieldAccess() {
    }

    /** Every value of {@code f} in the packet: header, packet fields and every data record's fields. */
    static boolean packet(ExportPacket p, Field f, Sink out) {
        switch (f.source()) {
            case PACKET -> {
                return packetField(p, null, f.name(), out);
            }
            case HEADER -> {
                return header(p, f, out);
            }
            default -> {
                if (header(p, f, out)) {
                    return true;
                }
                if (f.prefix() != null && !f.prefix().equals(FilterFields.prefixOf(p.version()))) {
                    return false;
                }
                for (FlowSet s : p.sets()) {
                    for (DataRecord r : s.records()) {
                        if (element(r, f.name(), out)) {
                            return true;
                        }
                    }
                }
                return false;
            }
        }
    }

    /** Every value of {@code f} in one record; packet and header fields come from its packet. */
    static boolean record(ExportPacket p, DataRecord r, Field f, Sink out) {
        switch (f.source()) {
            case PACKET -> {
                return packetField(p, r, f.name(), out);
            }
            case HEADER -> {
                return header(p, f, out);
            }
            default -> {
                if (f.prefix() != null && !f.prefix().equals(FilterFields.prefixOf(p.version()))) {
                    return false;
                }
                return element(r, f.name(), out);
            }
        }
    }

    /** The value of {@code f} in a flow record given by name (numbers, text, booleans; "exporter" as "a:port"). */
    static boolean named(Function<String, Object> record, Field f, Sink out) {
        String key = f.name();
        if (f.source() == FilterFields.Source.PACKET) {
            if (key.equals("exporter") || key.equals("exporter.port")) {
                Object e = record.apply("exporter");
                if (e == null) {
                    return false;
                }
                String s = e.toString();
                int colon = s.lastIndexOf(':');
                String addr = colon > 0 ? s.substring(0, colon) : s;
                if (addr.startsWith("[") && addr.endsWith("]")) {
                    addr = addr.substring(1, addr.length() - 1);
                }
                if (key.equals("exporter")) {
                    return out.accept(new Item(addr, s));
                }
                return colon > 0 && out.accept(new Item(Long.parseLong(s.substring(colon + 1)), null));
            }
        }
        Object v = record.apply(key);
        if (v == null) {
            return false;
        }
        if (v instanceof List<?> l) {
            for (Object x : l) {
                if (x != null && out.accept(new Item(x, null))) {
                    return true;
                }
            }
            return false;
        }
        return out.accept(new Item(v, null));
    }

    private static boolean header(ExportPacket p, Field f, Sink out) {
        if (f.prefix() != null && !f.prefix().equals(FilterFields.prefixOf(p.version()))) {
            return false;
        }
        return nested(p.header(), f.name(), out); // header fields and their parts (v5 sampling: mode, interval)
    }

    /** Values of the element named {@code name} in a record, lists (RFC 6313) searched too. */
    private static boolean element(DataRecord r, String name, Sink out) {
        List<TemplateField> fs = r.template().fields();
        for (int i = 0; i < fs.size(); i++) {
            TemplateField tf = fs.get(i);
            if (tf.name().equals(name)) {
                FieldValue v = r.field(i);
                if (out.accept(new Item(v.value(), v.display()))) {
                    return true;
                }
            } else if (isList(tf) && nested(r.field(i).children(), name, out)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isList(TemplateField tf) {
        DataType t = tf.ie().type();
        return t == DataType.BASIC_LIST || t == DataType.SUB_TEMPLATE_LIST || t == DataType.SUB_TEMPLATE_MULTI_LIST;
    }

    private static boolean nested(List<FieldValue> children, String name, Sink out) {
        for (FieldValue c : children) {
            if (c.name().equals(name) && out.accept(new Item(c.value(), c.display()))) {
                return true;
            }
            if (nested(c.children(), name, out)) {
                return true;
            }
        }
        return false;
    }

    private static boolean packetField(ExportPacket p, DataRecord r, String name, Sink out) {
        switch (name) {
            case "version" -> {
                return out.accept(new Item((long) p.version(), null));
            }
            case "frame", "frame.number" -> {
                return out.accept(new Item(p.frame(), null));
            }
            case "exporter" -> {
                return out.accept(new Item(p.context().source().address(), p.context().source().toString()));
            }
            case "exporter.port" -> {
                return out.accept(new Item((long) p.context().source().port(), null));
            }
            case "collector" -> {
                return out.accept(new Item(p.context().destination().address(), p.context().destination().toString()));
            }
            case "domain" -> {
                return out.accept(new Item(p.domain(), null));
            }
            case "sequence" -> {
                return out.accept(new Item(p.sequence(), null));
            }
            case "records" -> {
                return out.accept(new Item((long) p.recordCount(), null));
            }
            case "templates" -> {
                return out.accept(new Item((long) p.templateCount(), null));
            }
            case "sets" -> {
                return out.accept(new Item((long) p.sets().size(), null));
            }
            case "length" -> {
                return out.accept(new Item((long) p.data().length, null));
            }
            case "problem", "problem.code" -> {
                for (Problem pr : p.problems()) {
                    if (out.accept(new Item(pr.code(), pr.type().summary()))) {
                        return true;
                    }
                }
                return false;
            }
            case "problem.severity", "severity" -> {
                for (Problem pr : p.problems()) {
                    if (out.accept(new Item(pr.severity().label(), null))) {
                        return true;
                    }
                }
                return false;
            }
            case "template.id" -> {
                if (r != null) {
                    return out.accept(new Item((long) r.template().id(), null));
                }
                for (FlowSet s : p.sets()) {
                    for (Template t : s.templates()) {
                        if (out.accept(new Item((long) t.id(), null))) {
                            return true;
                        }
                    }
                    if (s.template() != null) {
                        if (out.accept(new Item((long) s.template().id(), null))) {
                            return true;
                        }
                    } else if (s.id() >= 256 && out.accept(new Item((long) s.id(), null))) {
                        return true;
                    }
                }
                return false;
            }
            case "set.id", "set.length" -> {
                for (FlowSet s : p.sets()) {
                    long v = name.equals("set.id") ? s.id() : s.length();
                    if ((r == null || s.records().contains(r)) && out.accept(new Item(v, null))) {
                        return true;
                    }
                }
                return false;
            }
            default -> {
                return false;
            }
        }
    }
}
