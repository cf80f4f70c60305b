package dev.flowinspector.engine.filter;

import dev.flowinspector.decode.DataRecord;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.FieldPlan;
import dev.flowinspector.decode.FieldValue;
import dev.flowinspector.decode.FlowSet;
import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.Template;
import dev.flowinspector.engine.filter.FilterFields.Field;
import dev.flowinspector.engine.filter.FilterNode.Slots;
import dev.flowinspector.engine.filter.FilterNode.Test;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one place the display filter reads decoded data: a field's values in an export packet, in one data
 * record, or in a flow record given as name/value pairs (the collector's JSON lines). A record's fields are read
 * through its {@link FieldPlan}: the fields with the test's name (found once per plan), tested on their bytes
 * ({@link PlanCompare}) where the plan's kind allows, else decoded ({@link FieldPlan#value}) and tested as an
 * {@link Item}; headers are decoded only for names a header has.
 */
final class FieldAccess {

    /** One value of a field: the typed value (see {@link FieldValue#value()}) and its display text. */
    record Item(Object value, String display) {
    }

    private FieldAccess() {
    }

    /** True when some value of the test's field in the packet passes: header, packet fields and every data record. */
    static boolean packet(ExportPacket p, Test t) {
        Field f = t.field();
        switch (f.source()) {
            case PACKET -> {
                return packetField(p, null, f.name(), t.pass());
            }
            case HEADER -> {
                return header(p, f, t.pass());
            }
            default -> {
                if (t.header() && header(p, f, t.pass())) {
                    return true;
                }
                if (f.prefix() != null && !f.prefix().equals(FilterFields.prefixOf(p.version()))) {
                    return false;
                }
                for (FlowSet s : p.sets()) {
                    for (DataRecord r : s.records()) {
                        if (element(r, t)) {
                            return true;
                        }
                    }
                }
                return false;
            }
        }
    }

    /** True when some value of the test's field in one record passes; packet and header fields come from its packet. */
    static boolean record(ExportPacket p, DataRecord r, Test t) {
        Field f = t.field();
        switch (f.source()) {
            case PACKET -> {
                return packetField(p, r, f.name(), t.pass());
            }
            case HEADER -> {
                return header(p, f, t.pass());
            }
            default -> {
                if (f.prefix() != null && !f.prefix().equals(FilterFields.prefixOf(p.version()))) {
                    return false;
                }
                return element(r, t);
            }
        }
    }

    /** The value of the test's field in a flow record given by name (numbers, text, booleans; "exporter" as "a:port"). */
    static boolean named(Function<String, Object> record, Test t) {
        Field f = t.field();
        Predicate<Item> out = t.pass();
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
                    return out.test(new Item(addr, s));
                }
                return colon > 0 && out.test(new Item(Long.parseLong(s.substring(colon + 1)), null));
            }
        }
        Object v = record.apply(key);
        if (v == null) {
            return false;
        }
        if (v instanceof List<?> l) {
            for (Object x : l) {
                if (x != null && out.test(new Item(x, null))) {
                    return true;
                }
            }
            return false;
        }
        return out.test(new Item(v, null));
    }

    private static boolean header(ExportPacket p, Field f, Predicate<Item> out) {
        if (f.prefix() != null && !f.prefix().equals(FilterFields.prefixOf(p.version()))) {
            return false;
        }
        return nested(p.header(), f.name(), out); // header fields and their parts (v5 sampling: mode, interval)
    }

    /**
     * Values of the test's element in a record, lists (RFC 6313) searched too: through the record's plan, decoding
     * a value only when the plan cannot answer from its bytes.
     */
    private static boolean element(DataRecord r, Test t) {
        FieldPlan plan = r.plan();
        Slots slots = t.slots(plan);
        PlanCompare.Test typed = t.plan();
        for (int i : slots.named()) {
            int x = typed == null ? PlanCompare.DECODE : typed.test(plan, r, i);
            if (x == PlanCompare.PASS) {
                return true;
            }
            if (x == PlanCompare.DECODE) {
                FieldValue v = plan.value(r, i);
                if (t.pass().test(new Item(v.value(), v.display()))) {
                    return true;
                }
            }
        }
        for (int i : slots.lists()) {
            if (nested(plan.value(r, i).children(), t.field().name(), t.pass())) {
                return true;
            }
        }
        return false;
    }

    private static boolean nested(List<FieldValue> children, String name, Predicate<Item> out) {
        for (FieldValue c : children) {
            if (c.name().equals(name) && out.test(new Item(c.value(), c.display()))) {
                return true;
            }
            if (nested(c.children(), name, out)) {
                return true;
            }
        }
        return false;
    }

    private static boolean packetField(ExportPacket p, DataRecord r, String name, Predicate<Item> out) {
        switch (name) {
            case "version" -> {
                return out.test(new Item((long) p.version(), null));
            }
            case "frame", "frame.number" -> {
                return out.test(new Item(p.frame(), null));
            }
            case "exporter" -> {
                return out.test(new Item(p.context().source().address(), p.context().source().toString()));
            }
            case "exporter.port" -> {
                return out.test(new Item((long) p.context().source().port(), null));
            }
            case "collector" -> {
                return out.test(new Item(p.context().destination().address(), p.context().destination().toString()));
            }
            case "domain" -> {
                return out.test(new Item(p.domain(), null));
            }
            case "sequence" -> {
                return out.test(new Item(p.sequence(), null));
            }
            case "records" -> {
                return out.test(new Item((long) p.recordCount(), null));
            }
            case "templates" -> {
                return out.test(new Item((long) p.templateCount(), null));
            }
            case "sets" -> {
                return out.test(new Item((long) p.setCount(), null));
            }
            case "length" -> {
                return out.test(new Item((long) p.data().length, null));
            }
            case "problem", "problem.code" -> {
                for (Problem pr : p.problems()) {
                    if (out.test(new Item(pr.code(), pr.type().summary()))) {
                        return true;
                    }
                }
                return false;
            }
            case "problem.severity", "severity" -> {
                for (Problem pr : p.problems()) {
                    if (out.test(new Item(pr.severity().label(), null))) {
                        return true;
                    }
                }
                return false;
            }
            case "template.id" -> {
                if (r != null) {
                    return out.test(new Item((long) r.template().id(), null));
                }
                for (FlowSet s : p.sets()) {
                    for (Template t : s.templates()) {
                        if (out.test(new Item((long) t.id(), null))) {
                            return true;
                        }
                    }
                    if (s.template() != null) {
                        if (out.test(new Item((long) s.template().id(), null))) {
                            return true;
                        }
                    } else if (s.id() >= 256 && out.test(new Item((long) s.id(), null))) {
                        return true;
                    }
                }
                return false;
            }
            case "set.id", "set.length" -> {
                for (FlowSet s : p.sets()) {
                    long v = name.equals("set.id") ? s.id() : s.length();
                    if ((r == null || s.records().contains(r)) && out.test(new Item(v, null))) {
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
