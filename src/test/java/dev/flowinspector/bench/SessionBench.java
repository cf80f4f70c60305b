package dev.flowinspector.bench;

import dev.flowinspector.engine.DecodingOptions;
import dev.flowinspector.ui.session.LoadResult;
import dev.flowinspector.ui.session.PacketTreeBuilder;
import dev.flowinspector.ui.session.SelectedPacket;
import dev.flowinspector.ui.session.Session;
import dev.flowinspector.ui.session.TreeNode;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What the GUI does when it opens a capture, without JavaFX: {@link Session#load} (time to the first batch of
 * rows, time to finish indexing), selecting packets right after ({@link SelectedPacket#of}, what the main window
 * does for a click on a row: {@link Session#packet} + {@link PacketTreeBuilder#build} + template snapshot; the
 * first selection is reported on its own and counts in the maximum), and the heap the loaded session keeps (used heap after GC with the
 * session, minus used heap after GC once it is closed and dropped; per packet). Nothing is collected before the
 * load: forced collections shrink the heap, which would make loading slower than in the application. Prints
 * {@code key value} lines for bench/run.sh.
 *
 * <p>Run: {@code java -cp target/classes:target/test-classes:LIBS dev.flowinspector.bench.SessionBench FILE [SELECTIONS]}
 */
public final class SessionBench {

    private SessionBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: SessionBench CAPTURE [SELECTIONS]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int selections = Math.max(1, args.length > 1 ? Integer.parseInt(args[1]) : 30);
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        long gc0 = gcMillis();
        long p0 = os.getProcessCpuTime();
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long[] firstRows = {-1};
        Session s = Session.forFile(file, DecodingOptions.defaults());
        LoadResult r = s.load((rows, problems, progress) -> {
            if (firstRows[0] < 0 && !rows.isEmpty()) {
                firstRows[0] = System.nanoTime() - t0;
            }
        }, () -> false);
        long indexed = System.nanoTime() - t0;
        long indexedCpu = threads.getCurrentThreadCpuTime() - c0;
        long processCpu = os.getProcessCpuTime() - p0;
        long gcDuring = gcMillis() - gc0;
        int n = s.size();
        out("packets", n);
        out("first_rows_ms", firstRows[0] / 1e6);
        out("indexing_ms", indexed / 1e6);
        out("indexing_cpu_ms", indexedCpu / 1e6);
        out("indexing_process_cpu_ms", processCpu / 1e6);
        out("indexing_gc_pause_ms", gcDuring);
        out("load_result_ms", r.millis());

        // selecting packets right after indexing, as a user would: the last row first (the first click of the
        // session, cold), then rows spread over the capture
        SplittableRandom rnd = new SplittableRandom(1);
        double[] ms = new double[selections];
        double[] cpu = new double[selections];
        int nodes = 0;
        for (int i = 0; i < selections; i++) {
            int index = i == 0 ? n - 1 : rnd.nextInt(n);
            long a = System.nanoTime();
            long ca = threads.getCurrentThreadCpuTime();
            List<TreeNode> tree = SelectedPacket.of(s, s.row(index)).tree();
            ms[i] = (System.nanoTime() - a) / 1e6;
            cpu[i] = (threads.getCurrentThreadCpuTime() - ca) / 1e6;
            nodes += tree.size();
        }
        out("tree_first_ms", ms[0]);
        out("tree_first_cpu_ms", cpu[0]);
        Arrays.sort(ms);
        Arrays.sort(cpu);
        out("tree_median_cpu_ms", cpu[cpu.length / 2]);
        out("tree_median_ms", ms[ms.length / 2]);
        out("tree_max_ms", ms[ms.length - 1]);
        out("tree_nodes_seen", nodes);

        long with = usedAfterGc(mem);

        // the display filter as the window runs it: every packet decoded again in order and matched (an empty
        // -Dbench.filter= skips it)
        String filterText = System.getProperty("bench.filter",
                "sourceIPv4Address == 10.0.0.0/8 && octetDeltaCount > 1000");
        if (!filterText.isBlank()) {
            dev.flowinspector.engine.filter.DisplayFilter filter =
                    dev.flowinspector.engine.filter.DisplayFilter.parse(filterText);
            long f0 = System.nanoTime();
            long fc0 = os.getProcessCpuTime();
            java.util.BitSet hits = s.matching(filter::matches, () -> false, null);
            out("filter_ms", (System.nanoTime() - f0) / 1e6);
            out("filter_process_cpu_ms", (os.getProcessCpuTime() - fc0) / 1e6);
            out("filter_matches", hits.cardinality());
        }

        // the Flows pane: top talkers and bytes over time over every record, the table's first 500 000 rows (counted
        // on worker threads for a file: the process CPU is the comparable figure)
        if (Boolean.parseBoolean(System.getProperty("bench.flows", "true"))) {
            long a0 = System.nanoTime();
            long ac0 = threads.getCurrentThreadCpuTime();
            long ap0 = os.getProcessCpuTime();
            dev.flowinspector.ui.session.FlowSummary flows = dev.flowinspector.ui.session.FlowSummary.of(s, 500_000,
                    () -> false, null);
            out("top_talkers_ms", (System.nanoTime() - a0) / 1e6);
            out("top_talkers_cpu_ms", (threads.getCurrentThreadCpuTime() - ac0) / 1e6);
            out("top_talkers_process_cpu_ms", (os.getProcessCpuTime() - ap0) / 1e6);
            out("flow_records", flows.records());
        }
        s.close();
        s = null;
        long without = usedAfterGc(mem);
        out("heap_mb", (with - without) / 1e6);
        out("heap_bytes_per_packet", n == 0 ? 0 : (double) (with - without) / n);
    }

    private static long gcMillis() {
        long t = 0;
        for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
            t += Math.max(0, g.getCollectionTime());
        }
        return t;
    }

    private static long usedAfterGc(MemoryMXBean mem) throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, mem.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static void out(String key, double v) {
        System.out.println(key + " " + String.format(Locale.ROOT, "%.2f", v));
    }
}
