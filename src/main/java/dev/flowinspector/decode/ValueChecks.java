package dev.flowinspector.decode;

import dev.flowinspector.dictionary.DataType;
import dev.flowinspector.dictionary.InformationElement;
import java.util.List;

/** Which fields of a template the decoder's value checks read, and what each is checked for. */
final class ValueChecks {

    static final int CHECK_BOOLEAN = 1;
    static final int CHECK_UTF8 = 2;
    static final int CHECK_PREFIX4 = 3;
    static final int CHECK_PREFIX6 = 4;
    static final int CHECK_MPLS = 5;

    private ValueChecks() {
    }

    /** Indexes of the fields whose values are checked (booleans, strings, prefix lengths, MPLS labels). */
    static int[] checkedFields(Template t) {
        List<TemplateField> fs = t.fields();
        int[] tmp = new int[fs.size()];
        int n = 0;
        for (int i = 0; i < fs.size(); i++) {
            if (kind(fs.get(i).ie()) != 0) {
                tmp[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(tmp, n);
    }

    /** What a field's value is checked for (CHECK_*), or 0 when it is not checked. */
    static int kind(InformationElement ie) {
        int id = ie.id();
        return ie.type() == DataType.BOOLEAN ? CHECK_BOOLEAN : ie.type() == DataType.STRING ? CHECK_UTF8
                : ie.pen() != 0 ? 0 : id == 9 || id == 13 ? CHECK_PREFIX4 : id == 29 || id == 30 ? CHECK_PREFIX6
                : id >= 70 && id <= 79 ? CHECK_MPLS : 0;
    }
}
