package dev.flowinspector.tools.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Kafka client settings: named options, a properties file, key=value pairs")
class KafkaSettingsTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("the file, then the pairs, win over the named options; each client gets the keys it knows")
    void layering() throws IOException {
        Path f = dir.resolve("client.properties");
        Files.writeString(f, "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nlinger.ms=50\nacks=1\n");
        Properties extra = KafkaSettings.extra(f, List.of("linger.ms=5", "group.id=ignored"));
        KafkaSettings s = new KafkaSettings("k1:9092,k2:9092", "flows", "templates", "all", "zstd", 20, 1 << 18,
                32L << 20, 100, extra);
        Properties p = s.producer("c1");
        assertEquals("k1:9092,k2:9092", p.get("bootstrap.servers"));
        assertEquals("SASL_SSL", p.get("security.protocol"));
        assertEquals("PLAIN", p.get("sasl.mechanism"));
        assertEquals("5", p.get("linger.ms"));
        assertEquals("1", p.get("acks"));
        assertEquals("zstd", p.get("compression.type"));
        assertEquals(String.valueOf(32L << 20), p.get("buffer.memory"));
        assertEquals("100", p.get("max.block.ms"));
        assertNull(p.get("group.id"), "a consumer setting does not go to the producer");
        Properties c = s.consumer("c1");
        assertEquals("SASL_SSL", c.get("security.protocol"));
        assertFalse(c.containsKey("acks"));
        assertFalse(c.containsKey("linger.ms"));
        assertNull(c.get("group.id"), "the templates topic is read without a group");
        assertEquals("false", c.get("allow.auto.create.topics"));
        assertEquals("earliest", c.get("auto.offset.reset"));
        assertEquals("SASL_SSL", s.admin("c1").get("security.protocol"));
    }

    @Test
    @DisplayName("acks other than all turn idempotence off (Kafka refuses the combination otherwise)")
    void acksOne() {
        Properties p = new KafkaSettings("k:9092", "t", null, "1", "lz4", 20, 1024, 1 << 20, 100, null).producer("c");
        assertEquals("false", p.get("enable.idempotence"));
        assertNull(KafkaSettings.of("k:9092", "t").producer("c").get("enable.idempotence"));
    }

    @Test
    @DisplayName("bad settings are one-line messages naming the option")
    void errors() throws IOException {
        assertEquals("--kafka-property linger: expected KEY=VALUE", assertThrows(IllegalArgumentException.class,
                () -> KafkaSettings.extra(null, List.of("linger"))).getMessage());
        Path f = dir.resolve("bad.properties");
        Files.writeString(f, "securty.protocol=SSL\n");
        assertEquals("--kafka-config " + f + ": securty.protocol is not a Kafka client setting",
                assertThrows(IllegalArgumentException.class, () -> KafkaSettings.extra(f, List.of())).getMessage());
        Path none = dir.resolve("none.properties");
        assertEquals("--kafka-config " + none + ": no such file",
                assertThrows(IOException.class, () -> KafkaSettings.extra(none, List.of())).getMessage());
        assertEquals("--kafka-compression brotli: use none, gzip, snappy, lz4 or zstd",
                assertThrows(IllegalArgumentException.class, () -> new KafkaSettings("k:1", "t", null, "all", "brotli",
                        0, 1, 1, 1, null)).getMessage());
        assertEquals("--topic: a topic name is needed", assertThrows(IllegalArgumentException.class,
                () -> KafkaSettings.of("k:1", " ")).getMessage());
    }
}
