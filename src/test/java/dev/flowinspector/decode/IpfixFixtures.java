package dev.flowinspector.decode;

/** IPFIX message pieces shared by the IPFIX tests. */
final class IpfixFixtures {

    /** 2023-11-14T22:13:20Z. */
    static final long EXPORT_TIME = 1_700_000_000L;
    /** RFC 5612 documentation PEN, used for the enterprise elements the tests teach with RFC 5610. */
    static final long PEN = 32473L;
    /** Options template id of the RFC 5610 type records. */
    static final int TYPE_TEMPLATE = 400;

    private IpfixFixtures() {
    }

    /** A message header with the length filled in by {@code endAll()}. */
    static Bytes message(long sequence) {
        return Bytes.of().ipfixHeader(EXPORT_TIME, sequence, 1);
    }

    /** Field specifier of an IANA element. */
    static Bytes field(Bytes b, int id, int length) {
        return b.u16(id).u16(length);
    }

    /** Field specifier of an enterprise element (enterprise bit set, PEN follows). */
    static Bytes field(Bytes b, int id, int length, long pen) {
        return b.u16(0x8000 | id).u16(length).u32(pen);
    }

    /**
     * RFC 5610 type records: an options template (scope privateEnterpriseNumber + informationElementId;
     * informationElementDataType, informationElementName) and one record per (id, type code, name) triple,
     * all for {@link #PEN}.
     */
    static Bytes teach(Bytes b, Object... idTypeName) {
        b.set(3).u16(TYPE_TEMPLATE).u16(4).u16(2);
        field(b, 346, 4);
        field(b, 303, 2);
        field(b, 339, 1);
        field(b, 341, 0xffff);
        b.end().set(TYPE_TEMPLATE);
        for (int i = 0; i < idTypeName.length; i += 3) {
            String name = (String) idTypeName[i + 2];
            b.u32(PEN).u16((Integer) idTypeName[i]).u8((Integer) idTypeName[i + 1]).u8(name.length()).text(name);
        }
        return b.end();
    }

    /** Teaches the enterprise elements the data type and list tests use. */
    static Bytes teachAll(Bytes b) {
        return teach(b, 1, 5, "exampleSigned8", 2, 6, "exampleSigned16", 3, 7, "exampleSigned32",
                4, 8, "exampleSigned64", 5, 9, "exampleFloat32", 10, 20, "exampleBasicList",
                11, 21, "exampleSubTemplateList", 12, 22, "exampleSubTemplateMultiList");
    }
}
