package dev.flowinspector.ui.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.decode.DecodeContext;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportDecoder;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.TemplateCache;
import dev.flowinspector.decode.Transport;
import dev.flowinspector.engine.filter.DisplayFilter;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The packet list's info column says what the text tree's packet line says; its Sets column counts sets. */
class PacketSummaryTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "000a000a6553f1000000, 'IPFIX, header cut short (10 of 16 bytes)'",
        "0009000100000001, 'NetFlow v9, header cut short (8 of 20 bytes)'",
        "000500010000000100000002, 'NetFlow v5, header cut short (12 of 24 bytes)'",
        "000a00106553f1000000000700000001, 'IPFIX seq 7, 0 records'",
    })
    @DisplayName("a packet shorter than its version's header says so instead of showing header values it does not have")
    void headerCutShort(String hex, String info) {
        Endpoint exporter = new Endpoint("192.0.2.1", 40000);
        DecodeContext ctx = new DecodeContext(1, 0, exporter, new Endpoint("192.0.2.9", 4739), Transport.UDP);
        ExportPacket p = new ExportDecoder(new TemplateCache()).decode(HexFormat.of().parseHex(hex), ctx);
        assertEquals(info, p.info());
        assertEquals(info, PacketSummary.of(0, p, exporter).info());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "NetFlow v1 (no engine fields), 00010000000000010000000200000000, false",
        "NetFlow v7 (no engine fields), 000700000000000100000002000000000000000300000000, false",
        "NetFlow v5 (engine type and id), 000500000000000100000002000000000000000301020000, true",
        "NetFlow v9 (source id), 00090000000000010000000200000003000000d2, true",
        "IPFIX (observation domain), 000a00106553f10000000007000000d2, true",
        "IPFIX cut short, 000a000a6553f1000000, false",
    })
    @DisplayName("the Domain column is blank for a packet whose header carries no domain")
    void hasDomain(String what, String hex, boolean has) {
        Endpoint exporter = new Endpoint("192.0.2.1", 40000);
        DecodeContext ctx = new DecodeContext(1, 0, exporter, new Endpoint("192.0.2.9", 2055), Transport.UDP);
        ExportPacket p = new ExportDecoder(new TemplateCache()).decode(HexFormat.of().parseHex(hex), ctx);
        if (has) {
            assertTrue(PacketSummary.of(0, p, exporter).hasDomain(), what);
        } else {
            assertFalse(PacketSummary.of(0, p, exporter).hasDomain(), what);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "IPFIX template set and 2 trailing bytes, 000a001e6553f10000000007000000d20002000c01000001000800040000, 0, 1",
        "IPFIX header cut short, 000a000a6553f1000000, 0, 0",
        "IPFIX bytes after the message length, 000a001c6553f10000000007000000d20002000c0100000100080004, 6, 1",
        "IPFIX reserved set id (a set the exporter sent), 000a00146553f10000000007000000d200050004, 0, 1",
        "NetFlow v9 FlowSet and zero padding, 00090001000000010000000200000003000000d20000000c0100000100080004, 4, 1",
        "NetFlow v5 cut short in its second record, 000500020000000100000002000000000000000300000000, 68, 1",
        "unknown version, 00040000, 0, 0",
    })
    @DisplayName("the Sets column and the filter's sets count the sets, not the undecoded bytes after them")
    void sets(String what, String hex, int zeros, int sets) throws Exception {
        Endpoint exporter = new Endpoint("192.0.2.1", 40000);
        DecodeContext ctx = new DecodeContext(1, 0, exporter, new Endpoint("192.0.2.9", 4739), Transport.UDP);
        ExportPacket p = new ExportDecoder(new TemplateCache()).decode(
                HexFormat.of().parseHex(hex + "00".repeat(zeros)), ctx);
        assertEquals(sets, PacketSummary.of(0, p, exporter).sets(), what);
        assertTrue(DisplayFilter.parse("sets == " + sets).matches(p), what);
    }
}
