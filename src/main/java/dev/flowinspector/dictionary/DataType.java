package dev.flowinspector.dictionary;

import java.util.Locale;

/** IPFIX abstract data types (RFC 7012 §3.1, RFC 6313 §4.5, unsigned256 from RFC 9740 §7). */
public enum DataType {
    OCTET_ARRAY("octetArray", -1),
    UNSIGNED8("unsigned8", 1),
    UNSIGNED16("unsigned16", 2),
    UNSIGNED32("unsigned32", 4),
    UNSIGNED64("unsigned64", 8),
    SIGNED8("signed8", 1),
    SIGNED16("signed16", 2),
    SIGNED32("signed32", 4),
    SIGNED64("signed64", 8),
    FLOAT32("float32", 4),
    FLOAT64("float64", 8),
    BOOLEAN("boolean", 1),
    MAC_ADDRESS("macAddress", 6),
    STRING("string", -1),
    DATE_TIME_SECONDS("dateTimeSeconds", 4),
    DATE_TIME_MILLISECONDS("dateTimeMilliseconds", 8),
    DATE_TIME_MICROSECONDS("dateTimeMicroseconds", 8),
    DATE_TIME_NANOSECONDS("dateTimeNanoseconds", 8),
    IPV4_ADDRESS("ipv4Address", 4),
    IPV6_ADDRESS("ipv6Address", 16),
    BASIC_LIST("basicList", -1),
    SUB_TEMPLATE_LIST("subTemplateList", -1),
    SUB_TEMPLATE_MULTI_LIST("subTemplateMultiList", -1),
    /** 256-bit flag sets such as tcpOptionsFull; usually sent with reduced-size encoding (RFC 9740). */
    UNSIGNED256("unsigned256", 32);

    private final String ianaName;
    private final int naturalLength;

    DataType(String ianaName, int naturalLength) {
        this.ianaName = ianaName;
        this.naturalLength = naturalLength;
    }

    /** The name used in the IANA registry, e.g. {@code unsigned32}. */
    public String ianaName() {
        return ianaName;
    }

    /** Encoded length without reduced-size encoding, or -1 when variable. */
    public int naturalLength() {
        return naturalLength;
    }

    public boolean isUnsigned() {
        return this == UNSIGNED8 || this == UNSIGNED16 || this == UNSIGNED32 || this == UNSIGNED64
                || this == UNSIGNED256;
    }

    public boolean isSigned() {
        return this == SIGNED8 || this == SIGNED16 || this == SIGNED32 || this == SIGNED64;
    }

    /** Integer types, which may use reduced-size encoding (RFC 7011 §6.2). */
    public boolean isInteger() {
        return isUnsigned() || isSigned();
    }

    public boolean isDateTime() {
        return this == DATE_TIME_SECONDS || this == DATE_TIME_MILLISECONDS
                || this == DATE_TIME_MICROSECONDS || this == DATE_TIME_NANOSECONDS;
    }

    public boolean isList() {
        return this == BASIC_LIST || this == SUB_TEMPLATE_LIST || this == SUB_TEMPLATE_MULTI_LIST;
    }

    /** Looks a type up by its exact IANA name (case-insensitive), with no fallback; empty when unknown. */
    public static java.util.Optional<DataType> parse(String name) {
        if (name == null) {
            return java.util.Optional.empty();
        }
        String n = name.trim();
        for (DataType t : values()) {
            if (t.ianaName.equalsIgnoreCase(n)) {
                return java.util.Optional.of(t);
            }
        }
        return java.util.Optional.empty();
    }

    /** Looks a type up by its IANA name (case-insensitive); octetArray when unknown. */
    public static DataType fromName(String name) {
        if (name == null) {
            return OCTET_ARRAY;
        }
        return BY_NAME.getOrDefault(name.trim().toLowerCase(Locale.ROOT), OCTET_ARRAY);
    }

    /**
     * Lower-case IANA names and the older spelling "ipAddress", for {@link #fromName}: the dictionary
     * looks a type up for each of its thousand elements at start-up.
     */
    private static final java.util.Map<String, DataType> BY_NAME = byName();

    private static java.util.Map<String, DataType> byName() {
        java.util.Map<String, DataType> m = new java.util.HashMap<>();
        for (DataType t : values()) {
            m.put(t.ianaName.toLowerCase(Locale.ROOT), t);
        }
        m.put("ipaddress", IPV4_ADDRESS);
        return java.util.Map.copyOf(m);
    }

    /** Type id used by RFC 5610 informationElementDataType (IANA "IPFIX Information Element Data Types"). */
    public static DataType fromRfc5610Code(int code) {
        return switch (code) {
            case 0 -> OCTET_ARRAY;
            case 1 -> UNSIGNED8;
            case 2 -> UNSIGNED16;
            case 3 -> UNSIGNED32;
            case 4 -> UNSIGNED64;
            case 5 -> SIGNED8;
            case 6 -> SIGNED16;
            case 7 -> SIGNED32;
            case 8 -> SIGNED64;
            case 9 -> FLOAT32;
            case 10 -> FLOAT64;
            case 11 -> BOOLEAN;
            case 12 -> MAC_ADDRESS;
            case 13 -> STRING;
            case 14 -> DATE_TIME_SECONDS;
            case 15 -> DATE_TIME_MILLISECONDS;
            case 16 -> DATE_TIME_MICROSECONDS;
            case 17 -> DATE_TIME_NANOSECONDS;
            case 18 -> IPV4_ADDRESS;
            case 19 -> IPV6_ADDRESS;
            case 20 -> BASIC_LIST;
            case 21 -> SUB_TEMPLATE_LIST;
            case 22 -> SUB_TEMPLATE_MULTI_LIST;
            case 23 -> UNSIGNED256;
            default -> null;
        };
    }
}
