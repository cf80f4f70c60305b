package dev.flowinspector.dictionary;

/**
 * One information element: IANA (pen 0) or enterprise-specific (RFC 7011 §3.2, RFC 7012).
 *
 * @param pen         private enterprise number, 0 for IANA
 * @param id          element id (without the enterprise bit)
 * @param name        camelCase name, e.g. {@code sourceIPv4Address}
 * @param type        abstract data type
 * @param semantics   data type semantics (quantity, totalCounter, identifier, flags, ...), or ""
 * @param units       units (octets, packets, milliseconds, ...), or ""
 * @param status      current, deprecated or obsolete ("" when not known)
 * @param description short description, or ""
 * @param known       false for elements synthesised because no registry knew them
 */
public record InformationElement(long pen, int id, String name, DataType type, String semantics,
                                 String units, String status, String description, boolean known) {

    public InformationElement {
        semantics = semantics == null ? "" : semantics;
        units = units == null ? "" : units;
        status = status == null ? "" : status;
        description = description == null ? "" : description;
    }

    // equals and hashCode written out, with the values the record's own would give: the generated ones bootstrap
    // method handles the first time they run (start-up, docs/decisions/0024) and run slowly until compiled
    // (template fields compare their elements)
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof InformationElement e && id == e.id && pen == e.pen && known == e.known
                && type == e.type && java.util.Objects.equals(name, e.name) && semantics.equals(e.semantics) && units.equals(e.units)
                && status.equals(e.status) && description.equals(e.description);
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(pen);
        h = h * 31 + id;
        h = h * 31 + java.util.Objects.hashCode(name);
        h = h * 31 + java.util.Objects.hashCode(type);
        h = h * 31 + semantics.hashCode();
        h = h * 31 + units.hashCode();
        h = h * 31 + status.hashCode();
        h = h * 31 + description.hashCode();
        return h * 31 + Boolean.hashCode(known);
    }

    /** An element no registry knows: named {@code pen<N>.<id>} or {@code unknown<id>}, shown as octets. */
    public static InformationElement unknown(long pen, int id) {
        String n = pen == 0 ? "unknown" + id : "pen" + pen + "." + id;
        return new InformationElement(pen, id, n, DataType.OCTET_ARRAY, "", "", "", "", false);
    }

    public boolean isDeprecated() {
        return "deprecated".equalsIgnoreCase(status) || "obsolete".equalsIgnoreCase(status);
    }

    /** True for flags semantics (e.g. tcpControlBits). */
    public boolean isFlags() {
        return "flags".equalsIgnoreCase(semantics);
    }

    /** Same element with another name/type, e.g. after an RFC 5610 type record taught us its type. */
    public InformationElement withType(String newName, DataType newType, String newSemantics, String newUnits) {
        return new InformationElement(pen, id, newName, newType, newSemantics, newUnits, status, description, true);
    }
}
