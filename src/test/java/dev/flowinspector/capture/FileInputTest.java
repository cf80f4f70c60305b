package dev.flowinspector.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("FileInput gives a file's bytes as a plain stream does: any read sizes, skips, mark and reset")
class FileInputTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("mixed small, buffer-sized and larger reads and skips return the file's bytes in order")
    void readsAndSkips() throws Exception {
        Random rnd = new Random(3);
        byte[] data = new byte[3 * FileInput.BUFFER + 12_345];
        rnd.nextBytes(data);
        Path f = dir.resolve("x.bin");
        Files.write(f, data);
        for (int trial = 0; trial < 20; trial++) {
            ByteArrayOutputStream want = new ByteArrayOutputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            int at = 0;
            try (FileInput in = new FileInput(f)) {
                while (true) {
                    int kind = rnd.nextInt(10);
                    if (kind == 0) {
                        long n = rnd.nextInt(FileInput.BUFFER + 100);
                        long s = in.skip(n);
                        assertEquals(Math.min(n, data.length - at), s);
                        at += (int) s;
                        continue;
                    }
                    if (kind == 1) {
                        int b = in.read();
                        if (b < 0) {
                            assertEquals(data.length, at);
                            break;
                        }
                        got.write(b);
                        want.write(data[at++]);
                        continue;
                    }
                    int len = kind == 2 ? rnd.nextInt(3 * FileInput.BUFFER) : rnd.nextInt(2000);
                    byte[] b = new byte[len + 5];
                    int r = in.read(b, 5, len);
                    if (r < 0) {
                        assertEquals(data.length, at);
                        break;
                    }
                    if (len > 0 && at < data.length) {
                        assertEquals(Math.min(len, data.length - at), r, "a read returns less only at the end");
                    }
                    got.write(b, 5, r);
                    want.write(data, at, r);
                    at += r;
                }
            }
            assertArrayEquals(want.toByteArray(), got.toByteArray());
        }
    }

    @Test
    @DisplayName("reset returns to the mark, also when the mark is near the end of the buffer")
    void markAndReset() throws Exception {
        byte[] data = new byte[FileInput.BUFFER + 100];
        new Random(4).nextBytes(data);
        Path f = dir.resolve("y.bin");
        Files.write(f, data);
        try (FileInput in = new FileInput(f)) {
            in.mark(20);
            byte[] first = in.readNBytes(20);
            in.reset();
            assertArrayEquals(first, in.readNBytes(20));
            in.skip(FileInput.BUFFER - 30L); // 10 bytes before the end of the first fill
            in.mark(40);
            byte[] across = in.readNBytes(40);
            in.reset();
            assertArrayEquals(across, in.readNBytes(40));
            byte[] want = java.util.Arrays.copyOfRange(data, FileInput.BUFFER - 10, FileInput.BUFFER + 30);
            assertArrayEquals(want, across);
            // a mark read past its limit holds nothing back: the rest of the file still comes
            byte[] rest = in.readAllBytes();
            assertArrayEquals(java.util.Arrays.copyOfRange(data, FileInput.BUFFER + 30, data.length), rest);
        }
        try (FileInput in = new FileInput(f)) { // as CaptureFiles peeks: a mark at the start, then read to the end
            in.mark(20);
            in.readNBytes(20);
            in.reset();
            assertArrayEquals(data, in.readAllBytes());
        }
    }
}
