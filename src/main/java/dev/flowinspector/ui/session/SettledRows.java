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
    static Late late(List<LateDecoded> late, RowStore rows, List<ProblemEntry> problems,
                     Map<String, ExporterCounts> exporters) {
        Late out = new Late();
        if (late.isEmpty()) {
            return out;
        }
        Map<Integer, ExportPacket> byIndex = new java.util.TreeMap<>();
        for (LateDecoded ld : late) {
            int index = rows.indexOfFrame(ld.frame().number());
            if (index >= 0) {
                byIndex.put(index, ld.packet()); // the last decoding of a frame wins
            }
        }
        for (Map.Entry<Integer, ExportPacket> e : byIndex.entrySet()) {
            int index = e.getKey();
            PacketSummary o = rows.get(index);
            out.onePassRows.put(index, o);
            out.settledRows.put(index, PacketSummary.of(index, e.getValue(), o.exporter()));
            List<ProblemEntry> settled = new java.util.ArrayList<>();
            for (Problem pr : e.getValue().problems()) {
                settled.add(new ProblemEntry(index, o.number(), pr));
            }
            out.settledProblems.put(index, settled);
            out.onePassProblems.put(index, new java.util.ArrayList<>());
        }
        for (ProblemEntry pe : problems) {
            List<ProblemEntry> l = out.onePassProblems.get(pe.index());
            if (l != null) {
                l.add(pe);
            }
        }
        out.show(false, rows, problems, exporters);
        return out;
    }

    /**
     * The rows and problems of the packets whose data came before its template, both ways: as a collector reading
     * the capture once saw them (data not decoded, "no template") and as the details show them (decoded with the
     * later template). The session shows one of the two ({@link Session#setOnePass}).
     */
    static final class Late {
        private final Map<Integer, PacketSummary> onePassRows = new java.util.TreeMap<>();
        private final Map<Integer, PacketSummary> settledRows = new java.util.TreeMap<>();
        private final Map<Integer, List<ProblemEntry>> onePassProblems = new HashMap<>();
        private final Map<Integer, List<ProblemEntry>> settledProblems = new HashMap<>();

        /** Puts one side in the rows, the problem list and the exporter counts (under the session's lock). */
        void show(boolean onePass, List<PacketSummary> rows, List<ProblemEntry> problems,
                  Map<String, ExporterCounts> exporters) {
            if (onePassRows.isEmpty()) {
                return;
            }
            Map<Integer, PacketSummary> want = onePass ? onePassRows : settledRows;
            Map<Integer, List<ProblemEntry>> wantProblems = onePass ? onePassProblems : settledProblems;
            problems.removeIf(pe -> want.containsKey(pe.index()));
            for (Map.Entry<Integer, PacketSummary> e : want.entrySet()) {
                int index = e.getKey();
                PacketSummary o = rows.get(index);
                PacketSummary n = e.getValue();
                rows.set(index, n);
                ExporterCounts ec = exporters.get(o.exporter() + "|" + o.version() + "|" + o.domain());
                if (ec != null) {
                    ec.records += n.records() - o.records();
                    ec.problems += n.problemCount() - o.problemCount();
                }
                problems.addAll(wantProblems.get(index));
            }
            problems.sort(java.util.Comparator.comparingInt(ProblemEntry::index));
        }

        /** Packets decoded with a later template (rows that differ between the two ways). */
        int packets() {
            return onePassRows.size();
        }
    }
}
