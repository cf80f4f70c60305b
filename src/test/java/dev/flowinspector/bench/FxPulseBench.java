package dev.flowinspector.bench;

import dev.flowinspector.ui.session.FlowSummary;
import dev.flowinspector.ui.session.PacketSummary;
import dev.flowinspector.ui.session.TemplateSnapshot;
import dev.flowinspector.ui.common.Settings;
import dev.flowinspector.ui.main.MainWindow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Whether the FX thread keeps drawing while the real main window works on a large capture: an
 * {@link AnimationTimer} (which asks for a pulse every frame, 60 per second) stamps every pulse, and the gaps
 * between consecutive pulses are reported per phase. A gap over 100 ms is a visible freeze.
 *
 * <ol>
 *   <li>idle: the empty window for a second (the baseline, about 16.7 ms per pulse);</li>
 *   <li>load: {@link MainWindow#open} on the file, as File &gt; Open does, until loading has ended on the FX
 *       thread (rows streamed into the list, the first row selected and shown, problems and exporters shown);</li>
 *   <li>select: rows spread over the capture selected one after the other as a click does (selection +
 *       scrolling to it), each waited for until its details tree and template cache are shown; the time from the
 *       click to the tree shown is reported too: until the end of the layout of the first pulse that lays the
 *       packet's tree and template cache out (what that pulse then draws is on the screen);</li>
 *   <li>scroll: the list scrolled down 20 rows per pulse (holding Page Down), then jumps to random places every
 *       100 ms (dragging the scroll bar).</li>
 *   <li>sort: a click on the Length column's header (descending) until the list is sorted (a large list is sorted
 *       on a worker), then back to frame order;</li>
 *   <li>filter: the display filter {@code -Dbench.filter} (default {@code version == 9}) applied until the status
 *       line says what it shows, then cleared;</li>
 *   <li>flows: the Flows tab chosen (what a user does to see top talkers) until it shows the figures of every
 *       record: counted on workers, then the charts and the table's first rows shown on the FX thread.</li>
 * </ol>
 * The phases after the load are chosen with {@code --phases} (default {@code select,scroll,sort,filter}); the
 * format table of {@code bench/window-formats.sh} runs {@code filter,flows}.
 *
 * Prints {@code key value} lines like {@link SessionBench}. Runs on any glass platform: headless Monocle as the
 * UI tests do ({@code -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw}) or a real X display
 * (e.g. under {@code xvfb-run}). With {@code --hold SECONDS} the window stays up at the end (for a screenshot)
 * after printing {@code ready}. The heap the window keeps for the capture: used heap after GC right after the load,
 * minus used heap after GC once the demo capture has replaced it at the end.
 *
 * <p>Run: {@code java -cp target/classes:target/test-classes:LIBS dev.flowinspector.bench.FxPulseBench FILE
 * [SELECTIONS] [--phases LIST] [--hold SECONDS]}
 */
public final class FxPulseBench {

    private static final int CAPACITY = 1 << 20;
    private static final String[] PHASES = {"idle", "load", "select", "scroll", "sort", "filter", "flows"};
    /** Phases after the load run when {@code --phases} is not given. */
    private static final List<String> DEFAULT_PHASES = List.of("select", "scroll", "sort", "filter");
    /** Seconds to wait at most for the load, a sort, the filter or the flows (10 M packets on a busy machine). */
    private static final int TIMEOUT = Integer.getInteger("fxbench.timeout", 7200);
    private static final int IDLE = 0;
    private static final int LOAD = 1;
    private static final int SELECT = 2;
    private static final int SCROLL = 3;
    private static final int SORT = 4;
    private static final int FILTER = 5;
    private static final int FLOWS = 6;
    /** Not measuring (between phases). */
    private static final int NONE = -1;

    private static final long[] stamps = new long[CAPACITY];
    /** CPU time of the FX thread at each pulse: what it did in between, whatever else ran on the machine. */
    private static final long[] cpuStamps = new long[CAPACITY];
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private static final byte[] stampPhase = new byte[CAPACITY];
    private static int count;
    private static volatile int phase = NONE;
    /** Rows to scroll down per pulse (0: not scrolling). */
    private static volatile int scrollStep;
    private static int scrollTop;

    private static MainWindow window;
    /** In the select phase: what shows the packet clicked, checked after the layout of every pulse (FX thread). */
    private static volatile Check awaited;
    /** When the first pulse whose layout found {@link #awaited} true had laid out (0: none yet). */
    private static volatile long laidOut;
    /** The phases run once on the demo before measuring: nothing printed, no pulses stamped. */
    private static boolean warming;
    private static Stage stage;

    private FxPulseBench() {
    }

    public static void main(String[] args) throws Exception {
        Path file = null;
        int selections = 30;
        int hold = 0;
        Set<String> run = new HashSet<>(DEFAULT_PHASES);
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--hold")) {
                hold = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--phases")) {
                run = new HashSet<>(Arrays.asList(args[++i].split(",")));
                run.remove(""); // --phases "": the load alone
                Set<String> unknown = new HashSet<>(run);
                unknown.removeAll(Arrays.asList(PHASES));
                if (!unknown.isEmpty()) {
                    System.err.println("FxPulseBench: unknown phase(s) " + unknown + "; known: "
                            + String.join(",", Arrays.asList(PHASES).subList(SELECT, PHASES.length)));
                    System.exit(2);
                }
            } else if (file == null) {
                file = Path.of(args[i]);
            } else {
                selections = Integer.parseInt(args[i]);
            }
        }
        if (file == null) {
            System.err.println("usage: FxPulseBench CAPTURE [SELECTIONS] [--phases select,scroll,sort,filter,flows]"
                    + " [--hold SECONDS]");
            System.exit(2);
        }
        // the bench's own settings node: recent files of the user stay untouched
        System.setProperty("flowinspector.prefs", System.getProperty("flowinspector.prefs", "dev/flowinspector/bench"));
        // the rendering settings the application starts with (Launcher)
        dev.flowinspector.ui.RenderDefaults.apply();
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.setImplicitExit(false);
        Platform.startup(() -> {
            stage = new Stage();
            window = new MainWindow(stage, new Settings());
            stage.show();
            stage.getScene().addPostLayoutPulseListener(() -> {
                Check a = awaited;
                try {
                    if (a != null && laidOut == 0 && a.ok()) {
                        laidOut = System.nanoTime();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            new AnimationTimer() {
                @Override
                public void handle(long now) {
                    int p = phase;
                    if (p != NONE && count < CAPACITY) {
                        stamps[count] = System.nanoTime();
                        cpuStamps[count] = THREADS.getCurrentThreadCpuTime();
                        stampPhase[count] = (byte) p;
                        count++;
                    }
                    int step = scrollStep;
                    if (step > 0) {
                        scrollTop = (scrollTop + step) % Math.max(1, window.shownRows().size());
                        window.packetList().scrollTo(scrollTop);
                    }
                }
            }.start();
            started.complete(null);
        });
        started.get(30, TimeUnit.SECONDS);
        // the filter and flows phases once on the demo: what they make once per process (the filter's and the Flows
        // pane's tables, cells and charts) is then made before the heap is measured with the capture, as it is
        // when it is measured with the demo at the end
        fx(() -> {
            window.openDemo();
            return null;
        });
        waitFor(() -> fx(() -> window.loading() == null && window.session() != null
                && window.session().result() != null), 60);
        warming = true;
        if (run.contains(PHASES[FILTER])) {
            filter();
        }
        if (run.contains(PHASES[FLOWS])) {
            flows();
        }
        warming = false;
        // the heap with the demo, before the capture; measured again at the end, the lesser counts
        long demoBefore = usedAfterGc();
        Thread.sleep(500);

        phase = IDLE;
        Thread.sleep(1000);

        int n = load(file);
        // heap the window keeps for the loaded capture (session, list rows, index, cells), right after loading:
        // used heap after GC now, minus after GC with the 14-packet demo (before the capture and once it has replaced
        // the capture at the end: the lesser, in case work in the background held memory at one of them)
        long with = usedAfterGc();
        SplittableRandom rnd = new SplittableRandom(1);
        if (run.contains(PHASES[SELECT])) {
            select(n, Math.max(1, selections), rnd);
        }
        if (run.contains(PHASES[SCROLL])) {
            scroll(n, rnd);
        }
        if (run.contains(PHASES[SORT])) {
            sort(n);
        }
        if (run.contains(PHASES[FILTER])) {
            filter();
        }
        if (run.contains(PHASES[FLOWS])) {
            flows();
        }

        int c = fx(() -> count);
        for (int p = 0; p < PHASES.length; p++) {
            if (p <= LOAD || run.contains(PHASES[p])) {
                report(p, c);
            }
        }
        if (hold > 0) {
            int row = n / 2;
            boolean flowsShown = run.contains(PHASES[FLOWS]);
            fx(() -> {
                window.packetList().getSelectionModel().clearAndSelect(row);
                window.packetList().scrollTo(Math.max(0, row - 5));
                if (flowsShown) { // the pane the last phase showed
                    window.tabs().getSelectionModel().select(flowsTab());
                }
                return null;
            });
            Thread.sleep(1500);
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(hold * 1000L);
        }
        fx(() -> {
            window.openDemo();
            return null;
        });
        waitFor(() -> fx(() -> window.loading() == null && window.session() != null
                && window.session().result() != null && window.session().size() < 100), 60);
        long without = Math.min(demoBefore, usedAfterGc());
        out("fx_heap_mb", (with - without) / 1e6);
        out("fx_heap_bytes_per_packet", n == 0 ? 0 : (double) (with - without) / n);
        Thread.sleep(Long.getLong("fxbench.debugHold", 0L) * 1000);
        Platform.exit();
        System.exit(0);
    }

    /** File &gt; Open, until loading has ended on the FX thread; returns the rows shown. */
    private static int load(Path file) throws Exception {
        phase = LOAD;
        long t0 = System.nanoTime();
        Path path = file.toAbsolutePath();
        fx(() -> {
            window.open(path);
            return null;
        });
        waitFor(() -> fx(() -> window.loading() == null && window.session() != null
                && window.session().result() != null), TIMEOUT);
        long loadNanos = System.nanoTime() - t0;
        // let the end of loading settle (the first row's details, the tabs) within the phase
        Thread.sleep(500);
        phase = NONE;
        int n = fx(() -> window.shownRows().size());
        out("fx_packets", n);
        out("fx_first_rows_ms", window.firstRowsMillis());
        out("fx_load_ms", loadNanos / 1e6);
        return n;
    }

    /**
     * Rows spread over the capture selected one after the other, each scrolled into view (as Go to Packet, Expert
     * Info and Next problem do for a row off screen); after each, the row two above it, on screen, selected without
     * scrolling (as a click on a row does).
     */
    private static void select(int n, int selections, SplittableRandom rnd) throws Exception {
        phase = SELECT;
        List<Double> shownMs = new ArrayList<>();
        List<Double> clickMs = new ArrayList<>();
        for (int i = 0; i < selections; i++) {
            int row = i == 0 ? n - 1 : rnd.nextInt(n);
            shownMs.add(selectAndTime(row, true));
            Thread.sleep(150);
            int above = row >= 2 ? row - 2 : row + 2;
            if (fx(() -> window.packetList().onScreen(above))) {
                clickMs.add(selectAndTime(above, false));
                Thread.sleep(150);
            }
        }
        phase = NONE;
        double[] sm = shownMs.stream().mapToDouble(Double::doubleValue).toArray();
        out("fx_select_first_shown_ms", sm[0]);
        Arrays.sort(sm);
        out("fx_select_shown_median_ms", sm[sm.length / 2]);
        out("fx_select_shown_max_ms", sm[sm.length - 1]);
        double[] cm = clickMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        out("fx_click_count", cm.length);
        if (cm.length > 0) {
            out("fx_click_shown_median_ms", cm[cm.length / 2]);
            out("fx_click_shown_max_ms", cm[cm.length - 1]);
        }
    }

    /**
     * Goes to a row as Go to Packet does ({@code MainWindow.goToFrame}: selected, and scrolled to with five rows above
     * it when off screen) or selects it as a click does, and returns the milliseconds until the end of the layout of
     * the first pulse that has its details tree and template cache.
     */
    private static double selectAndTime(int row, boolean scroll) throws Exception {
        long frame = fx(() -> window.shownRows().get(row).number());
        long a = System.nanoTime();
        laidOut = 0;
        awaited = () -> {
            TemplateSnapshot snap = window.templates().snapshot();
            PacketSummary sel = window.packetList().getSelectionModel().getSelectedItem();
            return snap != null && snap.frame() == frame && sel != null && sel.number() == frame
                    && window.details().getRoot() != null && !window.details().getRoot().getChildren().isEmpty();
        };
        fx(() -> {
            if (scroll) {
                window.goToFrame(frame); // Go to Packet: the row selected, scrolled to with five rows above it
            } else {
                window.packetList().getSelectionModel().clearAndSelect(row);
            }
            return null;
        });
        waitFor(() -> laidOut != 0, 30);
        awaited = null;
        return (laidOut - a) / 1e6;
    }

    /** Page Down held, then scroll-bar jumps. */
    private static void scroll(int n, SplittableRandom rnd) throws Exception {
        phase = SCROLL;
        fx(() -> {
            scrollTop = 0;
            window.packetList().scrollTo(0);
            return null;
        });
        scrollStep = 20;
        Thread.sleep(3000);
        scrollStep = 0;
        for (int i = 0; i < 30; i++) {
            int row = rnd.nextInt(n);
            fx(() -> {
                window.packetList().scrollTo(row);
                return null;
            });
            Thread.sleep(100);
        }
        Thread.sleep(200);
        phase = NONE;
    }

    /** A click on a column header, until the rows are in order; then frame order again. */
    private static void sort(int n) throws Exception {
        phase = SORT;
        long so = System.nanoTime();
        fx(() -> {
            var length = window.packetList().getColumns().stream().filter(col -> col.getText().equals("Length"))
                    .findFirst().orElseThrow();
            length.setSortType(javafx.scene.control.TableColumn.SortType.DESCENDING);
            window.packetList().getSortOrder().setAll(List.of(length));
            return null;
        });
        waitFor(() -> fx(() -> !((dev.flowinspector.ui.packets.PacketRows) window.shownRows()).sorting()
                && window.shownRows().get(0).length() >= window.shownRows().get(n - 1).length()), TIMEOUT);
        out("fx_sort_ms", (System.nanoTime() - so) / 1e6);
        long uo = System.nanoTime();
        fx(() -> {
            window.packetList().getSortOrder().clear();
            return null;
        });
        out("fx_unsort_ms", (System.nanoTime() - uo) / 1e6);
        Thread.sleep(300);
        phase = NONE;
    }

    /** The display filter typed and applied, until the status line says what the list shows; then cleared. */
    private static void filter() throws Exception {
        phase = warming ? NONE : FILTER;
        String filter = System.getProperty("bench.filter", "version == 9");
        long fo = System.nanoTime();
        fx(() -> {
            window.applyFilter(filter);
            return null;
        });
        waitFor(() -> fx(() -> window.statusLine().getText().startsWith("Filter: ")), TIMEOUT);
        out("fx_filter_ms", (System.nanoTime() - fo) / 1e6);
        out("fx_filter_shown", fx(() -> window.shownRows().size()));
        fx(() -> {
            window.applyFilter("");
            return null;
        });
        Thread.sleep(300);
        phase = NONE;
    }

    /**
     * The Flows tab chosen, as a user does to see top talkers, until it shows the figures of every record (the
     * tab counts them on workers once the capture has been read, then shows the charts and the table's rows).
     */
    private static void flows() throws Exception {
        phase = warming ? NONE : FLOWS;
        FlowSummary before = fx(() -> window.flows().summary());
        long t0 = System.nanoTime();
        fx(() -> {
            window.tabs().getSelectionModel().select(flowsTab());
            return null;
        });
        waitFor(() -> fx(() -> window.flows().summary() != before), TIMEOUT);
        out("fx_top_talkers_ms", (System.nanoTime() - t0) / 1e6);
        FlowSummary shown = fx(() -> window.flows().summary());
        out("fx_flow_records", shown.records());
        out("fx_flows_complete", shown.complete() ? 1 : 0);
        Thread.sleep(300);
        phase = NONE;
        // back to the tab shown after the load, so the heap measured with the demo compares like with like
        fx(() -> {
            window.tabs().getSelectionModel().select(0);
            return null;
        });
    }

    /** The Flows tab (on the FX thread). */
    private static javafx.scene.control.Tab flowsTab() {
        return window.tabs().getTabs().stream().filter(t -> "tab-flows".equals(t.getId())).findFirst().orElseThrow();
    }

    /**
     * Gaps between consecutive pulses stamped in one phase: count, max, 99th percentile, gaps over 100 ms; and the
     * same for the CPU time the FX thread used between two pulses (busy: not inflated by other processes taking
     * the CPU, nor by GC pauses).
     */
    private static void report(int p, int c) {
        List<Double> gaps = new ArrayList<>();
        List<Double> busy = new ArrayList<>();
        for (int i = 1; i < c; i++) {
            if (stampPhase[i] == p && stampPhase[i - 1] == p) {
                gaps.add((stamps[i] - stamps[i - 1]) / 1e6);
                busy.add((cpuStamps[i] - cpuStamps[i - 1]) / 1e6);
            }
        }
        double[] b = busy.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(b);
        if (Boolean.getBoolean("fxbench.gaps")) {
            // where the long gaps were (wall clock), to line them up with a profile
            // and at which JVM uptime, to line them up with -Xlog's uptime decorations; -Dfxbench.gapMs=N lists gaps
            // over N ms (default 100)
            long epochMinusNano = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
            long uptimeMinusNano = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L
                    - System.nanoTime();
            long over = Long.getLong("fxbench.gapMs", 100) * 1_000_000L;
            long start = 0; // the phase's first pulse: how far into the phase a gap ends
            for (int i = 0; i < c; i++) {
                if (stampPhase[i] == p) {
                    start = stamps[i];
                    break;
                }
            }
            for (int i = 1; i < c; i++) {
                if (stampPhase[i] == p && stampPhase[i - 1] == p && (stamps[i] - stamps[i - 1] > over
                        || cpuStamps[i] - cpuStamps[i - 1] > 30_000_000L)) {
                    System.err.printf(Locale.ROOT, "gap %s %.1f ms (busy %.1f ms) ending %.0f ms into the phase at %s"
                            + " (uptime %.3f s)%n",
                            PHASES[p], (stamps[i] - stamps[i - 1]) / 1e6, (cpuStamps[i] - cpuStamps[i - 1]) / 1e6,
                            (stamps[i] - start) / 1e6,
                            java.time.Instant.ofEpochSecond(0, stamps[i] + epochMinusNano),
                            (stamps[i] + uptimeMinusNano) / 1e9);
                }
            }
        }
        String k = "fx_" + PHASES[p] + "_";
        double[] g = gaps.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(g);
        out(k + "pulses", g.length + 1);
        out(k + "gap_max_ms", g.length == 0 ? 0 : g[g.length - 1]);
        out(k + "gap_p99_ms", g.length == 0 ? 0 : g[Math.min(g.length - 1, (int) Math.ceil(g.length * 0.99) - 1)]);
        out(k + "gaps_over_100ms", Arrays.stream(g).filter(x -> x > 100).count());
        out(k + "busy_max_ms", b.length == 0 ? 0 : b[b.length - 1]);
        out(k + "busy_p99_ms", b.length == 0 ? 0 : b[Math.min(b.length - 1, (int) Math.ceil(b.length * 0.99) - 1)]);
    }

    /**
     * The least used heap seen after a GC, collecting until three readings in a row are within 1 MB of each other
     * (at most 30): work still running in the background (the end of loading, closing the capture before) can hold
     * hundreds of MB for a moment, which a fixed number of readings sometimes took for the capture's.
     */
    private static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        long previous = -1;
        int stable = 0;
        for (int i = 0; i < 30 && stable < 3; i++) {
            System.gc();
            Thread.sleep(100);
            long u = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            stable = previous >= 0 && Math.abs(u - previous) < 1_000_000 ? stable + 1 : 0;
            previous = u;
            used = Math.min(used, u);
        }
        return used;
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(300, TimeUnit.SECONDS);
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void waitFor(Check c, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!c.ok()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out after " + seconds + " s");
            }
            Thread.sleep(5);
        }
    }

    private static void out(String key, double v) {
        if (warming) {
            return;
        }
        System.out.println(key + " " + String.format(Locale.ROOT, "%.2f", v));
    }
}
