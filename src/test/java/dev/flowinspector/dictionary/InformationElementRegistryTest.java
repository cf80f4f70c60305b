package dev.flowinspector.dictionary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Information element dictionary data files")
class InformationElementRegistryTest {

    private static final String BASE = "/dev/flowinspector/dictionary/";
    private final InformationElementRegistry reg = InformationElementRegistry.standard();

    /** Data rows (not comments) of a bundled file, with the line number of each. */
    private static List<String[]> rows(String file) throws IOException {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = InformationElementRegistryTest.class.getResourceAsStream(BASE + file)) {
            assertNotNull(in, "missing resource " + file);
            BufferedReader br = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int n = 0;
            while ((line = br.readLine()) != null) {
                n++;
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] f = line.split("\t", -1);
                    String[] withLine = new String[f.length + 1];
                    System.arraycopy(f, 0, withLine, 0, f.length);
                    withLine[f.length] = file + ":" + n;
                    out.add(withLine);
                }
            }
        }
        return out;
    }

    private static List<String> ieFiles() throws IOException {
        List<String> files = new ArrayList<>();
        for (String[] p : rows("packs.tsv")) {
            files.add(p[1].trim());
        }
        return files;
    }

    @Test
    @DisplayName("the IANA registry has at least 480 elements and reaches id 533")
    void ianaCounts() {
        List<InformationElement> iana = reg.elementsOf(0);
        assertTrue(iana.size() >= 480, "only " + iana.size() + " IANA elements");
        assertEquals(533, iana.get(iana.size() - 1).id());
        for (int id : new int[] {1, 64, 102, 128, 291, 433, 434, 491, 492, 513, 529, 530, 533}) {
            assertTrue(reg.isKnown(0, id), "IANA element " + id + " missing");
        }
        for (int id : new int[] {65, 69, 97, 105, 127, 416, 419}) {
            assertFalse(reg.isKnown(0, id), "unassigned IANA id " + id + " present");
        }
    }

    @ParameterizedTest(name = "{0} = {1} {2} {3} {4}")
    @CsvSource({
        "1, octetDeltaCount, unsigned64, deltaCounter, octets",
        "2, packetDeltaCount, unsigned64, deltaCounter, packets",
        "8, sourceIPv4Address, ipv4Address, default, ''",
        "6, tcpControlBits, unsigned16, flags, ''",
        "89, forwardingStatus, unsigned8, identifier, ''",
        "152, flowStartMilliseconds, dateTimeMilliseconds, default, milliseconds",
        "291, basicList, basicList, list, ''",
        "292, subTemplateList, subTemplateList, list, ''",
        "293, subTemplateMultiList, subTemplateMultiList, list, ''",
        "278, newConnectionDeltaCount, unsigned32, deltaCounter, ''",
        "501, srhSegmentIPv6LocatorLength, unsigned8, default, ''",
        "520, tcpOptionsFull, unsigned256, flags, ''",
    })
    @DisplayName("IANA spot checks")
    void ianaSpotChecks(int id, String name, String type, String semantics, String units) {
        InformationElement ie = reg.ipfix(0, id);
        assertEquals(name, ie.name());
        assertEquals(type, ie.type().ianaName());
        assertEquals(semantics, ie.semantics());
        assertEquals(units, ie.units());
        assertTrue(ie.known());
    }

    @ParameterizedTest(name = "IANA {0} is deprecated")
    @ValueSource(ints = {34, 35, 38, 39, 43, 48, 49, 50, 51, 84, 87, 100, 102, 103, 104, 64, 209})
    @DisplayName("deprecated IANA elements say so")
    void deprecated(int id) {
        assertTrue(reg.ipfix(0, id).isDeprecated(), reg.ipfix(0, id).name());
        assertEquals("deprecated", reg.ipfix(0, id).status());
    }

    @Test
    @DisplayName("current elements are not marked deprecated")
    void current() {
        assertEquals("current", reg.ipfix(0, 1).status());
        assertFalse(reg.ipfix(0, 305).isDeprecated());
    }

    @ParameterizedTest(name = "v9 type {0} -> {1}")
    @CsvSource({
        "1, octetDeltaCount, 0", "2, packetDeltaCount, 0", "8, sourceIPv4Address, 0", "21, flowEndSysUpTime, 0",
        "61, flowDirection, 0", "85, octetTotalCount, 0", "233, firewallEvent, 0",
        "33002, NF_F_FW_EXT_EVENT, 0", "40000, NF_F_USERNAME, 0", "56701, PANOS_APPID, 0",
    })
    @DisplayName("NetFlow v9 field types map to IANA elements or to their own definitions")
    void v9Mapping(int type, String name, long pen) {
        InformationElement ie = reg.v9(type);
        assertEquals(name, ie.name());
        assertEquals(pen, ie.pen());
        assertTrue(ie.known());
    }

    @Test
    @DisplayName("v9 types shared with IANA are the IANA element itself; NSEL types have their own type")
    void v9SharesIana() {
        assertEquals(reg.ipfix(0, 1), reg.v9(1));
        assertEquals(DataType.UNSIGNED16, reg.v9(33002).type());
        assertEquals(DataType.STRING, reg.v9(40000).type());
        assertEquals(DataType.IPV4_ADDRESS, reg.v9(40001).type());
    }

    @Test
    @DisplayName("ntop v9 types from 57472 map onto PEN 35632 elements")
    void ntopV9() {
        InformationElement l7 = reg.v9(InformationElementRegistry.NTOP_V9_BASE + 118);
        assertEquals("L7_PROTO", l7.name());
        assertEquals(InformationElementRegistry.NTOP_PEN, l7.pen());
        assertEquals("L7_PROTO_NAME", reg.v9(57591).name());
    }

    @ParameterizedTest(name = "PEN {0} element {1} = {2}")
    @CsvSource({
        "9, 12235, ciscoAppHttpHost, string",
        "637, 93, natSubString, string",
        "2636, 137, juniperCommonPropertiesId, unsigned64",
        "3054, 111, ixiaL7AppName, string",
        "5951, 130, netscalerHttpReqUrl, string",
        "6871, 14, initialTCPFlags, unsigned16",
        "6876, 881, tenantSourceIPv4, ipv4Address",
        "10704, 4, FW_Rule, string",
        "13745, 104, serverIPv4Address, ipv4Address",
        "26866, 1, httpReqUrl, string",
        "35632, 119, L7_PROTO_NAME, string",
    })
    @DisplayName("vendor pack spot checks")
    void vendorSpotChecks(long pen, int id, String name, String type) {
        InformationElement ie = reg.ipfix(pen, id);
        assertEquals(name, ie.name());
        assertEquals(type, ie.type().ianaName());
        assertFalse(reg.elementsOf(pen).isEmpty());
    }

    @Test
    @DisplayName("every pack in packs.tsv loads; packs with published elements are not empty")
    void packsLoad() throws IOException {
        Set<Long> knownEmpty = Set.of(25461L, 12356L); // no public element lists (see the files' comments)
        for (String[] p : rows("packs.tsv")) {
            long pen = Long.parseLong(p[0].trim());
            if (!knownEmpty.contains(pen)) {
                assertFalse(reg.elementsOf(pen).isEmpty(), "pack " + p[1] + " is empty");
            }
            assertFalse(reg.enterpriseName(pen).startsWith("PEN "), "no organisation for PEN " + pen);
        }
        assertEquals(14, rows("packs.tsv").size(), "IANA, CERT and the twelve vendor packs");
    }

    @Test
    @DisplayName("enumerations: protocol numbers and IPFIX sub-registries")
    void enums() {
        assertEquals("TCP", reg.enumLabel(reg.ipfix(0, 4), 6));
        assertEquals("TCP", reg.enumLabel("protocolIdentifier", 6));
        assertEquals("UDP", reg.enumLabel("protocolIdentifier", 17));
        assertEquals("NSH", reg.enumLabel("protocolIdentifier", 145));
        assertEquals("Reserved", reg.enumLabel("protocolIdentifier", 255));
        assertEquals("idle timeout", reg.enumLabel("flowEndReason", 1));
        assertEquals("Flow denied", reg.enumLabel("firewallEvent", 3));
        assertEquals("NAT44 session create", reg.enumLabel("natEvent", 4));
        assertEquals("initiator", reg.enumLabel("biflowDirection", 1));
        assertEquals("egress", reg.enumLabel("flowDirection", 1));
        assertEquals("IPv6", reg.enumLabel("ipVersion", 6));
        assertEquals("Echo", reg.enumLabel("icmpTypeIPv4", 8));
        assertEquals("LDP", reg.enumLabel("mplsTopLabelType", 5));
        assertEquals("random", reg.enumLabel("samplingAlgorithm", 2));
        assertEquals("VLAN", reg.enumLabel("observationPointType", 3));
        assertEquals("NAT64 translated", reg.enumLabel("natType", 2));
        assertEquals("Dropped (ACL deny)", reg.enumLabel("forwardingStatus", 129));
    }

    @Test
    @DisplayName("protocol numbers cover 0..145 and 255")
    void protocolNumbersComplete() {
        for (int p = 0; p <= 145; p++) {
            assertNotNull(reg.enumLabel("protocolIdentifier", p), "protocol " + p);
        }
    }

    @Test
    @DisplayName("enterprise numbers: at least 50 organisations, well-known ones right")
    void enterprises() throws IOException {
        assertTrue(rows("enterprise-numbers.tsv").size() >= 50);
        assertEquals("Cisco Systems", reg.enterpriseName(9));
        assertEquals("Juniper Networks", reg.enterpriseName(2636));
        assertEquals("IANA", reg.enterpriseName(0));
        assertEquals("PEN 4294967", reg.enterpriseName(4294967));
    }

    @Test
    @DisplayName("RFC 5103 §6.1: process and identifier elements are not reversible")
    void reversibility() {
        assertTrue(InformationElementRegistry.isReversible(1));
        assertTrue(InformationElementRegistry.isReversible(8));
        for (int id : new int[] {40, 41, 42, 130, 131, 137, 145, 148, 149, 163, 168, 173, 210, 211, 217, 239}) {
            assertFalse(InformationElementRegistry.isReversible(id), "id " + id);
        }
        assertEquals("reverseOctetDeltaCount", reg.ipfix(InformationElementRegistry.REVERSE_PEN, 1).name());
    }

    @Test
    @DisplayName("no file defines an id twice")
    void noDuplicates() throws IOException {
        List<String> files = ieFiles();
        files.add("netflow-v9.tsv");
        files.add("enterprise-numbers.tsv");
        for (String f : files) {
            Set<Long> seen = new HashSet<>();
            for (String[] r : rows(f)) {
                assertTrue(seen.add(Long.parseLong(r[0].trim())), "duplicate id " + r[0] + " at " + r[r.length - 1]);
            }
        }
        for (String[] e : rows("enums/index.tsv")) {
            Set<Long> seen = new HashSet<>();
            for (String[] r : rows("enums/" + e[1].trim())) {
                assertTrue(seen.add(Long.parseLong(r[0].trim())), "duplicate value at " + r[r.length - 1]);
            }
        }
    }

    @Test
    @DisplayName("every enumeration of enums/index.tsv gives every label of its file (files are read on first use)")
    void everyEnumerationLoads() throws IOException {
        InformationElementRegistry reg = InformationElementRegistry.standard();
        for (String[] e : rows("enums/index.tsv")) {
            String name = e[0].trim();
            assertTrue(reg.hasEnumeration(name), name);
            for (String[] r : rows("enums/" + e[1].trim())) {
                String label = r.length > 2 ? r[1].trim() : "";
                assertEquals(label, reg.enumLabel(name, Long.parseLong(r[0].trim())), name + " at " + r[r.length - 1]);
            }
        }
        assertFalse(reg.hasEnumeration("octetDeltaCount"));
        assertNull(reg.enumLabel("octetDeltaCount", 1));
    }

    @Test
    @DisplayName("every dataType in every file is an IANA abstract data type name")
    void dataTypesValid() throws IOException {
        List<String> files = ieFiles();
        for (String f : files) {
            for (String[] r : rows(f)) {
                assertTrue(DataType.parse(r[2]).isPresent(), "bad dataType '" + r[2] + "' at " + r[r.length - 1]);
                assertFalse(r[1].isBlank(), "no name at " + r[r.length - 1]);
            }
        }
        for (String[] r : rows("netflow-v9.tsv")) {
            String dt = r[2].trim();
            if (dt.isEmpty()) {
                assertTrue(reg.byName(r[1].trim()).filter(ie -> ie.pen() == 0).isPresent(),
                        "v9 row names no IANA element at " + r[r.length - 1]);
            } else {
                assertTrue(DataType.parse(dt).isPresent(), "bad dataType '" + dt + "' at " + r[r.length - 1]);
            }
        }
    }

    @Test
    @DisplayName("DataType.parse has no fallback; unsigned256 is an integer of up to 32 octets")
    void dataTypeParse() {
        assertTrue(DataType.parse("ipv4address").isPresent());
        assertFalse(DataType.parse("ipaddress").isPresent());
        assertFalse(DataType.parse("").isPresent());
        assertEquals(DataType.UNSIGNED256, DataType.fromRfc5610Code(23));
        assertTrue(DataType.UNSIGNED256.isInteger());
        assertEquals(32, DataType.UNSIGNED256.naturalLength());
    }
}
