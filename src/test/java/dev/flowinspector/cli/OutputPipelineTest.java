package dev.flowinspector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OutputPipelineTest {

    private static String expected(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append("item ").append(i).append('\n');
        }
        return sb.toString();
    }

    @Test
    @DisplayName("items come out in the order they went in, whatever worker formatted them")
    void order() throws IOException {
        for (int workers : new int[] {1, 2, 5}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            OutputPipeline<Integer> pipe = new OutputPipeline<>(() -> (i, out) -> {
                if (i % 7 == 0) {
                    Thread.yield(); // uneven work
                }
                out.put("item ").putDecimal(i).put('\n');
            }, workers, i -> 1, 3, bytes, null);
            for (int i = 0; i < 10_000; i++) {
                pipe.add(i);
            }
            pipe.finish();
            assertEquals(expected(0, 10_000), bytes.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    @DisplayName("a stage's exception: everything before the failing item is written, then the same exception")
    void stageFailure() {
        RuntimeException boom = new IllegalStateException("boom");
        StringWriter w = new StringWriter();
        OutputPipeline<Integer> pipe = new OutputPipeline<>(() -> (i, out) -> {
            out.put("item ").putDecimal(i).put('\n');
            if (i == 1234) {
                throw boom;
            }
        }, 2, i -> 1, 5, null, w);
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> {
            for (int i = 0; i < 5000; i++) {
                pipe.add(i);
            }
            pipe.finish();
        });
        assertSame(boom, thrown);
        assertEquals(expected(0, 1234), w.toString());
    }

    @Test
    @DisplayName("abandon after a failure of the caller writes what was handed over and throws nothing")
    void abandon() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputPipeline<Integer> pipe = new OutputPipeline<>(() -> (i, out) -> out.putDecimal(i).put('\n'), 2,
                i -> 1, 1000, bytes, null);
        for (int i = 0; i < 10; i++) {
            pipe.add(i);
        }
        pipe.abandon();
        assertEquals("0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("the writer's IOException reaches the caller")
    void writerFailure() {
        IOException full = new IOException("No space left on device");
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw full;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw full;
            }
        };
        OutputPipeline<Integer> pipe = new OutputPipeline<>(() -> (i, out) -> out.putDecimal(i).put('\n'), 2,
                i -> 1, 10, broken, null);
        IOException thrown = assertThrows(IOException.class, () -> {
            for (int i = 0; i < 100_000; i++) {
                pipe.add(i);
            }
            pipe.finish();
        });
        assertSame(full, thrown);
        // its threads are gone
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("decode-")
                && t.isAlive()));
    }
}
