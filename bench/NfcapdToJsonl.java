import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.flowinspector.engine.flow.NfcapdReader;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the records of an nfcapd file as JSON lines shaped like `flowinspector collect` writes NetFlow v5
 * records (same keys and order; values the nfcapd file does not keep are constants), gzip-compressed: the
 * same records for analyze's JSON input as nfdump reads from the nfcapd file.
 * Usage: java -cp CLASSPATH bench/NfcapdToJsonl.java NFCAPD OUT.jsonl.gz
 */
public final class NfcapdToJsonl {
    public static void main(String[] args) throws Exception {
        long n = 0;
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(Path.of(args[0])), 1 << 16);
             OutputStream out = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(Path.of(args[1])), 1 << 16), 1 << 16)) {
            JsonGenerator g = new JsonFactory().createGenerator(out);
            g.setRootValueSeparator(null);
            long[] seq = {0};
            new NfcapdReader(args[0], in).read(f -> {
                try {
                    g.writeStartObject();
                    g.writeStringField("exporter", f.exporter() + ":2055");
                    g.writeNumberField("version", 5);
                    g.writeNumberField("domain", Math.max(0, f.domain()));
                    g.writeNumberField("templateId", 0);
                    g.writeStringField("received", f.end().toString());
                    g.writeStringField("exportTime", f.end().toString());
                    g.writeNumberField("sequence", seq[0]++);
                    g.writeStringField("flowStart", f.start().toString());
                    g.writeStringField("flowEnd", f.end().toString());
                    g.writeStringField("sourceIPv4Address", f.src());
                    g.writeStringField("destinationIPv4Address", f.dst());
                    g.writeStringField("ipNextHopIPv4Address", "10.255.0.1");
                    g.writeNumberField("ingressInterface", Math.max(0, f.inIf()));
                    g.writeNumberField("egressInterface", Math.max(0, f.outIf()));
                    g.writeNumberField("packetDeltaCount", f.packets());
                    g.writeNumberField("octetDeltaCount", f.bytes());
                    g.writeNumberField("flowStartSysUpTime", 238871042);
                    g.writeNumberField("flowEndSysUpTime", 238872413);
                    g.writeNumberField("sourceTransportPort", f.srcPort());
                    g.writeNumberField("destinationTransportPort", f.dstPort());
                    g.writeNumberField("tcpControlBits", Math.max(0, f.tcpFlags()));
                    g.writeNumberField("protocolIdentifier", f.protocol());
                    g.writeNumberField("ipClassOfService", 0);
                    g.writeNumberField("bgpSourceAsNumber", Math.max(0, f.srcAs()));
                    g.writeNumberField("bgpDestinationAsNumber", Math.max(0, f.dstAs()));
                    g.writeNumberField("sourceIPv4PrefixLength", 24);
                    g.writeNumberField("destinationIPv4PrefixLength", 24);
                    g.writeEndObject();
                    g.writeRaw('\n');
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            g.flush();
        }
    }
}
