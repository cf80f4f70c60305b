package dev.flowinspector.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowinspector.decode.Endpoint;
import dev.flowinspector.decode.Template;
import dev.flowinspector.decode.TemplateField;
import dev.flowinspector.decode.TemplateKey;
import dev.flowinspector.dictionary.DataType;
import dev.flowinspector.dictionary.InformationElement;
import dev.flowinspector.dictionary.InformationElementRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Templates of a capture as a JSON file, to decode another capture that lacks them (data without templates
 * is the most common reason a capture will not decode). Format {@code flowinspector-templates} version 1:
 * one object per template with its key (exporter, port, version, domain, id), whether it is an options
 * template, its scope count, the frame it came from and its fields (pen, id, name, type, length, scope).
 */
public final class TemplateFile {

    /** Format name written in every file. */
    public static final String FORMAT = "flowinspector-templates";

    /** RFC 3954 §6.1 scope field types 1-5, named as the v9 decoder names them. */
    private static final String[] SCOPE_NAMES = {null, "scopeSystem", "scopeInterface", "scopeLineCard",
        "scopeCache", "scopeTemplate"};

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TemplateFile() {
    }

    /** The templates as JSON text. */
    public static String toJson(Collection<Template> templates, String source) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", 1);
        if (source != null) {
            root.put("source", source);
        }
        ArrayNode arr = root.putArray("templates");
        for (Template t : templates) {
            if (t.isWithdrawal()) {
                continue;
            }
            ObjectNode o = arr.addObject();
            TemplateKey k = t.key();
            o.put("exporter", k.exporter().address());
            o.put("port", k.exporter().port());
            o.put("version", k.version());
            o.put("domain", k.domain());
            o.put("id", k.templateId());
            o.put("options", t.options());
            o.put("scopeCount", t.scopeCount());
            o.put("originFrame", t.originFrame());
            ArrayNode fs = o.putArray("fields");
            for (TemplateField f : t.fields()) {
                ObjectNode x = fs.addObject();
                x.put("pen", f.pen());
                x.put("id", f.id());
                x.put("name", f.name());
                x.put("type", f.ie().type().ianaName());
                x.put("length", f.length());
                if (f.scope()) {
                    x.put("scope", true);
                }
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write templates as JSON", e);
        }
    }

    /** Writes the templates to a file. */
    public static void write(Path file, Collection<Template> templates, String source) throws IOException {
        Files.writeString(file, toJson(templates, source), StandardCharsets.UTF_8);
    }

    /** Reads templates from a file; a bad file gives an IOException naming the file and what is wrong. */
    public static List<Template> read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Reads templates from JSON text; {@code name} names the source in error messages. Imported templates
     * have origin frame 0 (they are known before the capture starts).
     */
    public static List<Template> parse(String text, String name) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IOException(name + ": not JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage());
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException(name + ": not a FlowInspector template file (\"format\" is not \"" + FORMAT + "\")");
        }
        JsonNode arr = root.path("templates");
        if (!arr.isArray()) {
            throw new IOException(name + ": \"templates\" is missing or not a list");
        }
        InformationElementRegistry reg = InformationElementRegistry.standard();
        List<Template> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            JsonNode o = arr.get(i);
            String where = name + ": template " + (i + 1);
            int version = intField(o, "version", where);
            if (version != 9 && version != 10) {
                throw new IOException(where + ": version " + version + " is not 9 or 10");
            }
            int id = intField(o, "id", where);
            if (id < 256 || id > 65535) {
                throw new IOException(where + ": template id " + id + " is not in 256-65535");
            }
            Endpoint exporter = new Endpoint(o.path("exporter").asText("0.0.0.0"), o.path("port").asInt(0));
            TemplateKey key = new TemplateKey(exporter, version, o.path("domain").asLong(0), id);
            JsonNode fs = o.path("fields");
            if (!fs.isArray() || fs.isEmpty()) {
                throw new IOException(where + " (id " + id + "): \"fields\" is missing or empty");
            }
            List<TemplateField> fields = new ArrayList<>();
            for (int j = 0; j < fs.size(); j++) {
                JsonNode x = fs.get(j);
                String fw = where + " (id " + id + "), field " + (j + 1);
                long pen = x.path("pen").asLong(0);
                int fid = intField(x, "id", fw);
                int len = intField(x, "length", fw);
                if (len < 0 || len > 65535) {
                    throw new IOException(fw + ": length " + len + " is not in 0-65535");
                }
                boolean scope = x.path("scope").asBoolean(false);
                fields.add(new TemplateField(element(reg, version, pen, fid, x.path("name").asText(""),
                        x.path("type").asText(""), scope), len, scope));
            }
            int scopeCount = o.path("scopeCount").asInt(0);
            if (scopeCount < 0 || scopeCount > fields.size()) {
                throw new IOException(where + " (id " + id + "): scopeCount " + scopeCount + " but "
                        + fields.size() + " fields");
            }
            out.add(new Template(key, fields, scopeCount, o.path("options").asBoolean(false), 0, 0, 0));
        }
        return out;
    }

    private static int intField(JsonNode o, String field, String where) throws IOException {
        JsonNode v = o.get(field);
        if (v == null || !v.canConvertToInt()) {
            throw new IOException(where + ": \"" + field + "\" is missing or not a number");
        }
        return v.asInt();
    }

    /** The element a stored field names: the registry's when it agrees on the name, else one made from the file. */
    private static InformationElement element(InformationElementRegistry reg, int version, long pen, int id,
                                              String name, String type, boolean scope) {
        if (!(version == 9 && scope)) {
            InformationElement ie = reg.isKnown(pen, id) ? reg.ipfix(pen, id) : version == 9 && pen == 0 ? reg.v9(id)
                    : reg.ipfix(pen, id);
            if (name.isEmpty() || ie.name().equals(name)) {
                return ie;
            }
        }
        if (version == 9 && scope && pen == 0) {
            if (id >= 1 && id <= SCOPE_NAMES.length - 1) {
                return new InformationElement(0, id, SCOPE_NAMES[id], DataType.fromName(type), "identifier", "", "",
                        "v9 scope", true);
            }
            return new InformationElement(0, id, "scope" + id, DataType.OCTET_ARRAY, "", "", "", "", false);
        }
        DataType dt = DataType.fromName(type);
        return new InformationElement(pen, id, name.isEmpty() ? "field" + id : name, dt, "", "", "",
                "imported from a template file", true);
    }
}
