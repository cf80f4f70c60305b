package dev.flowinspector.tools.collect;

import dev.flowinspector.decode.Template;
import java.io.IOException;
import java.util.List;

/**
 * Templates shared by a fleet of collectors that receive different packets of the same exporters (a Kafka
 * topic): what one collector learns from an exporter is {@linkplain #learned published}, and what the others
 * learned is {@linkplain #received taken} into this one's template cache. Called on the decode thread only.
 */
public interface TemplateShare {

    /** A template this collector received from an exporter (new or changed). */
    void learned(Template t);

    /** Templates other collectors published since the last call (in the order published). */
    List<Template> received();

    /** A short account for the status line and summary. */
    String status();

    void close() throws IOException;
}
