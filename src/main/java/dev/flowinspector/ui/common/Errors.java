package dev.flowinspector.ui.common;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Turns exceptions into one line a user can act on (never a stack trace). */
public final class Errors {

    private Errors() {
    }

    /** One line describing what went wrong. */
    public static String describe(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        if (t instanceof NoSuchFileException n) {
            return n.getFile() + ": no such file";
        }
        if (t instanceof AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        if (t instanceof OutOfMemoryError) {
            return "out of memory: the capture is too large for the memory given to Java (-Xmx)";
        }
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
        }
        return m;
    }
}
