package dev.flowinspector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ByteText")
class ByteTextTest {

    /** What the buffer holds, then emptied. */
    private static String drain(ByteText t) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        t.drainTo(out, null);
        return out.toString(StandardCharsets.US_ASCII);
    }

    @Test
    @DisplayName("putInstant writes Instant.toString, whether the second is the one before or not")
    void instants() throws IOException {
        ByteText t = new ByteText(16);
        Random rnd = new Random(11);
        long sec = 1_704_067_199L; // a second before a new day and a new year
        for (int i = 0; i < 200_000; i++) {
            switch (rnd.nextInt(6)) {
                case 0 -> sec++;                                         // the next second, maybe the next day
                case 1 -> sec += rnd.nextInt(86_400 * 3);                 // another day
                case 2 -> sec = Math.floorMod(rnd.nextLong(), 253_402_300_800L);
                default -> { }                                           // the same second again
            }
            int nano = switch (rnd.nextInt(4)) {
                case 0 -> 0;
                case 1 -> rnd.nextInt(1000) * 1_000_000;
                case 2 -> rnd.nextInt(1_000_000) * 1000;
                default -> rnd.nextInt(1_000_000_000);
            };
            t.put('<');
            assertTrue(t.putInstant(sec, nano));
            t.put('>');
            assertEquals("<" + Instant.ofEpochSecond(sec, nano) + ">", drain(t), "second " + sec + ", nano " + nano);
        }
    }

    @Test
    @DisplayName("putInstant writes nothing outside the years 1970-9999, and the second before is still right after")
    void outOfRange() throws IOException {
        ByteText t = new ByteText(16);
        assertTrue(t.putInstant(253_402_300_799L, 999_999_999));
        assertFalse(t.putInstant(253_402_300_800L, 0));
        assertFalse(t.putInstant(-1, 0));
        assertTrue(t.putInstant(253_402_300_799L, 0));
        assertEquals("9999-12-31T23:59:59.999999999Z9999-12-31T23:59:59Z", drain(t));
    }
}
