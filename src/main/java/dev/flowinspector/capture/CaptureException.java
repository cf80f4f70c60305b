package dev.flowinspector.capture;

import java.io.IOException;

/** A capture that cannot be read at all (not a capture file, unknown format); the message says why. */
public class CaptureException extends IOException {

    public CaptureException(String message) {
        super(message);
    }

    public CaptureException(String message, Throwable cause) {
        super(message, cause);
    }
}
