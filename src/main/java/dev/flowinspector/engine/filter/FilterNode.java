package dev.flowinspector.engine.filter;

import dev.flowinspector.decode.FieldPlan;
import dev.flowinspector.engine.filter.FieldAccess.Item;
import dev.flowinspector.engine.filter.FilterFields.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** The display filter's evaluator: a parsed filter is a tree of nodes, each true or false for a subject. */
@FunctionalInterface
interface FilterNode {

    boolean eval(Subject s);

    /** Where a filter reads values: true when some value of the test's field passes the test. */
    @FunctionalInterface
    interface Subject {
        boolean any(Test t);
    }

    /**
     * A test on one field: true when some value passes. {@code pass} decides on a decoded value (an {@link Item});
     * {@code plan}, when not null, decides on a record's field through its {@link FieldPlan} without decoding it
     * (or answers {@link PlanCompare#DECODE}). Where the field sits in each plan is cached here.
     */
    final class Test {
        /** Plans remembered per test; more (a long live capture, many refreshes) start the cache anew. */
        private static final int PLANS = 4096;

        private final Field field;
        private final Predicate<Item> pass;
        private final PlanCompare.Test plan;
        private final boolean header;
        private final ConcurrentHashMap<FieldPlan, Slots> slots = new ConcurrentHashMap<>();
        private volatile Slots last;

        Test(Field field, Predicate<Item> pass, PlanCompare.Test plan) {
            this.field = field;
            this.pass = pass;
            this.plan = plan;
            this.header = field.source() == FilterFields.Source.HEADER || FilterFields.inHeader(field.name());
        }

        Field field() {
            return field;
        }

        Predicate<Item> pass() {
            return pass;
        }

        /** The test on a record's field through its plan, or null (decode the value and use {@link #pass}). */
        PlanCompare.Test plan() {
            return plan;
        }

        /** False when no packet header has a field of this name (so headers need not be decoded). */
        boolean header() {
            return header;
        }

        /** The fields of p named as this test's field, and the list fields (RFC 6313) to search for it. */
        Slots slots(FieldPlan p) {
            Slots s = last;
            if (s != null && s.plan == p) {
                return s;
            }
            s = slots.get(p);
            if (s == null) {
                s = Slots.of(p, field.name());
                if (slots.size() >= PLANS) {
                    slots.clear();
                }
                slots.put(p, s);
            }
            last = s;
            return s;
        }
    }

    /** Where a name sits in one plan: the fields with that element name, and the list fields to search. */
    record Slots(FieldPlan plan, int[] named, int[] lists) {
        static Slots of(FieldPlan p, String name) {
            int[] named = new int[p.size()];
            int[] lists = new int[p.size()];
            int n = 0;
            int l = 0;
            for (int i = 0; i < p.size(); i++) {
                if (p.label(i).equals(name)) {
                    named[n++] = i;
                } else if (p.kind(i) == FieldPlan.Kind.LIST) {
                    lists[l++] = i;
                }
            }
            return new Slots(p, java.util.Arrays.copyOf(named, n), java.util.Arrays.copyOf(lists, l));
        }
    }

    /** True when either node is. */
    static FilterNode or(FilterNode a, FilterNode b) {
        return s -> a.eval(s) || b.eval(s);
    }

    /** True when both nodes are. */
    static FilterNode and(FilterNode a, FilterNode b) {
        return s -> a.eval(s) && b.eval(s);
    }

    /** True when the node is not. */
    static FilterNode not(FilterNode n) {
        return s -> !n.eval(s);
    }

    /** True when some value of some test's field passes that test. */
    static FilterNode any(List<Test> tests) {
        if (tests.size() == 1) {
            Test t = tests.get(0);
            return s -> s.any(t);
        }
        Test[] all = tests.toArray(new Test[0]);
        return s -> {
            for (Test t : all) {
                if (s.any(t)) {
                    return true;
                }
            }
            return false;
        };
    }

    /**
     * {@code a != v} as in Wireshark 4: the field is present and no value is equal ("all not equal"), so a
     * subject without the field matches neither {@code a == v} nor {@code a != v}; {@code equal} is the
     * node for {@code a == v} built from {@code tests}.
     */
    static FilterNode notEqual(List<Test> tests, FilterNode equal) {
        List<Test> present = new ArrayList<>();
        for (Test t : tests) {
            present.add(new Test(t.field(), it -> true, PlanCompare.ALWAYS));
        }
        FilterNode has = any(present);
        return s -> has.eval(s) && !equal.eval(s);
    }
}
