package dev.flowinspector.engine.filter;

import dev.flowinspector.engine.filter.FieldAccess.Item;
import dev.flowinspector.engine.filter.FilterFields.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The display filter's evaluator: a parsed filter is a tree of nodes, each true or false for a subject. */
@FunctionalInterface
interface FilterNode {

    boolean eval(Subject s);

    /** Where a filter reads values: calls the sink with each value of a field until it returns true. */
    @FunctionalInterface
    interface Subject {
        boolean values(Field f, FieldAccess.Sink sink);
    }

    /** A test on one field: true when some value passes. */
    record Test(Field field, Predicate<Item> pass) {
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
            return s -> s.values(t.field(), it -> t.pass().test(it));
        }
        return s -> {
            for (Test t : tests) {
                if (s.values(t.field(), it -> t.pass().test(it))) {
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
            present.add(new Test(t.field(), it -> true));
        }
        FilterNode has = any(present);
        return s -> has.eval(s) && !equal.eval(s);
    }
}
