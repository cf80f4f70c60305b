package dev.flowinspector.ui.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flowinspector.decode.DecodeContext;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.ExportDecoder;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.TemplateCache;
import dev.flowinspector.decode.Transport;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The packet list's info column says what the text tree's packet line says. */
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
}
