package dev.flowinspector.ui.session;

import dev.flowinspector.decode.ExportPacket;
import dev.flowinspector.decode.Problem;
import dev.flowinspector.engine.Decoding;
import dev.flowinspector.engine.LateDecoded;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What finishing a capture settles in a session's rows and problem list: sequence checks that waited for a late
 * template, and data that came before its template, decoded with it once the capture was read (one count
 * everywhere: the row counts the records the details show). Called under the session's lock.
 */
final class SettledRows {

    private SettledRows() {
    }

    /**
     * Applies the cross-packet problems that {@link Decoding#finish()} settled (sequence checks that had to wait
     * for a late template): the rows and the problem list then show them.
     */
    static void crossPacket(Decoding decoding, RowStore rows, List<ProblemEntry> problems,
                            Map<Integer, List<Problem>> crossAtAccept) {
        java.util.Set<Integer> changed = new java.util.HashSet<>();
        java.util.Set<ProblemEntry> gone = new java.util.HashSet<>();
        for (Map.Entry<Integer, List<Problem>> e : crossAtAccept.entrySet()) {
            int index = e.getKey();
            long frame = rows.get(index).number();
            List<Problem> now = decoding.crossPacketProblems(frame);
            if (now == e.getValue()) {
                continue;
            }
            changed.add(index);
            for (Problem old : e.getValue()) {
                if (!now.contains(old)) {
                    gone.add(new ProblemEntry(index, frame, old));
                }
            }
            for (Problem a : now) {
                if (!e.getValue().contains(a)) {
                    problems.add(new ProblemEntry(index, frame, a));
                }
            }
            e.setValue(now);
        }
        if (changed.isEmpty()) {
            return;
        }
        problems.removeAll(gone);
        problems.sort(java.util.Comparator.comparingInt(ProblemEntry::index));
        Map<Integer, dev.flowinspector.decode.Severity> worst = new HashMap<>();
        Map<Integer, Integer> count = new HashMap<>();
        for (ProblemEntry pe : problems) {
            if (changed.contains(pe.index())) {
                count.merge(pe.index(), 1, Integer::sum);
                if (pe.problem().severity().worseThan(worst.get(pe.index()))) {
                    worst.put(pe.index(), pe.problem().severity());
                }
            }
        }
        for (int index : changed) {
            PacketSummary o = rows.get(index);
            rows.set(index, new PacketSummary(o.index(), o.number(), o.timeNanos(), o.exporter(), o.version(), o.domain(),
                    o.sequence(), o.sets(), o.templates(), o.records(), o.length(), worst.get(index),
                    count.getOrDefault(index, 0), o.missing(), o.late()));
        }
    }

    /**
     * Rows whose data came before its template, now decoded with the template that came later (as the details show
     * them): their records count, their info says "template from frame N (later)", and their problems are those of
     * the packet as shown (data.template.later instead of data.template.missing).
     */
    static void late(List<LateDecoded> late, RowStore rows, List<ProblemEntry> problems,
                     Map<String, ExporterCounts> exporters) {
        if (late.isEmpty()) {
            return;
        }
        Map<Integer, ExportPacket> byIndex = new java.util.TreeMap<>();
        for (LateDecoded ld : late) {
            int index = rows.indexOfFrame(ld.frame().number());
            if (index >= 0) {
                byIndex.put(index, ld.packet()); // the last decoding of a frame wins
            }
        }
        problems.removeIf(pe -> byIndex.containsKey(pe.index()));
        for (Map.Entry<Integer, ExportPacket> e : byIndex.entrySet()) {
            int index = e.getKey();
            PacketSummary o = rows.get(index);
            PacketSummary n = PacketSummary.of(index, e.getValue(), o.exporter());
            rows.set(index, n);
            ExporterCounts ec = exporters.get(o.exporter() + "|" + o.version() + "|" + o.domain());
            if (ec != null) {
                ec.records += n.records() - o.records();
                ec.problems += n.problemCount() - o.problemCount();
            }
            for (Problem pr : e.getValue().problems()) {
                problems.add(new ProblemEntry(index, o.number(), pr));
            }
        }
        problems.sort(java.util.Comparator.comparingInt(ProblemEntry::index));
    }
}
