package dev.flowinspector.ui.common;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.concurrent.Task;

/**
 * Runs work off the FX thread and hands the result (or a one-line error) back on the FX thread: the one place
 * where background results enter the UI.
 */
public final class Tasks {

    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "flowinspector-worker");
        t.setDaemon(true);
        return t;
    });

    private static final System.Logger LOG = System.getLogger(Tasks.class.getName());

    private Tasks() {
    }

    /** Runs work in the background; done and failed run on the FX thread. */
    public static <T> Task<T> run(Callable<T> work, Consumer<T> done, Consumer<String> failed) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        return start(task, done, failed);
    }

    /** Starts a prepared task; done and failed run on the FX thread. */
    public static <T> Task<T> start(Task<T> task, Consumer<T> done, Consumer<String> failed) {
        task.setOnSucceeded(e -> done.accept(task.getValue()));
        task.setOnFailed(e -> {
            LOG.log(System.Logger.Level.DEBUG, "background task failed", task.getException());
            failed.accept(Errors.describe(task.getException()));
        });
        POOL.submit(task);
        return task;
    }
}
