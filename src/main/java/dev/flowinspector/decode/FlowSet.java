package dev.flowinspector.decode;

import java.util.List;

/**
 * One set (IPFIX, RFC 7011 §3.3) or FlowSet (v9, RFC 3954 §5), or the block of fixed records of a
 * v1/v5/v7/v8 packet.
 *
 * @param id             set id (2/3 or 0/1 for templates, ≥ 256 for data; 0 for v1-v8 records)
 * @param kind           what it carries
 * @param offset         first byte (set header included)
 * @param length         length in bytes (header included)
 * @param templates      template definitions in a template set (withdrawals included)
 * @param template       template used to decode a data set, or null
 * @param lateTemplate   true when the template arrived in a later frame (decoded after the fact)
 * @param records        data records
 * @param paddingOffset  first padding byte, or -1
 * @param paddingLength  padding length
 */
public record FlowSet(int id, SetKind kind, int offset, int length, List<Template> templates, Template template,
                      boolean lateTemplate, List<DataRecord> records, int paddingOffset, int paddingLength) {

    public FlowSet {
        templates = templates == null ? List.of() : List.copyOf(templates);
        records = records == null ? List.of() : records instanceof RecordList ? records : List.copyOf(records);
    }

    /** Frame that defined the template used, or 0. */
    public long templateFrame() {
        return template == null ? 0 : template.originFrame();
    }
}
