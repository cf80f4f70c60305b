package dev.flowinspector.fuzz;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowinspector.decode.DecodeContext;
import dev.flowinspector.decode.ExportDecoder;
import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.Problem;
import dev.flowinspector.decode.ProblemGroup;
import dev.flowinspector.decode.ProblemType;
import dev.flowinspector.decode.Problems;
import dev.flowinspector.decode.Severity;
import dev.flowinspector.testutil.TestPackets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The fuzz invariants hold for a well-formed packet and catch what they claim to catch. */
@DisplayName("fuzz invariants: pass on a good packet, fail on what they check")
class InvariantsTest {

    private static final byte[] IPFIX = TestPackets.ipfix(1, true, "10.0.0.1", "192.0.2.1", 1500);

    private static ExportPacket decoded() {
        return new ExportDecoder().decode(IPFIX, DecodeContext.standalone(1));
    }

    @Test
    @DisplayName("a well-formed IPFIX message with a template and a record passes")
    void goodPacket() {
        assertDoesNotThrow(() -> Invariants.check(decoded(), IPFIX));
    }

    @Test
    @DisplayName("a problem code that is not registered is a finding")
    void unregisteredCode() {
        ExportPacket p = decoded();
        p.addProblem(new Problem(new ProblemType("no.such.code", Severity.WARNING, ProblemGroup.values()[0],
                "not registered", ""), 0, 2, "made up"));
        AssertionError e = assertThrows(AssertionError.class, () -> Invariants.check(p, IPFIX));
        assertTrue(e.getMessage().contains("no.such.code is not registered"), e.getMessage());
    }

    @Test
    @DisplayName("a problem pointing past the packet is a finding")
    void problemOutside() {
        ExportPacket p = decoded();
        p.addProblem(new Problem(Problems.TRAILING_BYTES, IPFIX.length - 1, 2, "past the end"));
        AssertionError e = assertThrows(AssertionError.class, () -> Invariants.check(p, IPFIX));
        assertTrue(e.getMessage().contains("outside the " + IPFIX.length + "-byte packet"), e.getMessage());
    }
}
