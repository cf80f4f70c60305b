package dev.flowinspector.decode;

/** Templates that arrive after a packet, offered to decode its orphaned data sets after the fact. */
@FunctionalInterface
public interface LateTemplates {

    LateTemplates NONE = key -> null;

    /** The first definition under key that arrives after the packet being decoded, or null. */
    Template find(TemplateKey key);
}
