package dev.flowinspector.ui;

/**
 * JavaFX rendering settings the GUI starts with, set as system properties before the toolkit starts (it reads them
 * once). No JavaFX class is loaded here: {@link dev.flowinspector.Launcher} calls this before it knows whether it
 * starts the GUI in this JVM or in another one, which then gets these properties too.
 *
 * <p>Region background caching is off: with it, JavaFX draws each region background of more than one fill (every
 * table cell and row, buttons, headers) into a texture once and then copies that texture to the screen each frame.
 * The software pipeline (no usable GPU: virtual machines, remote desktops, Xvfb) copies a texture pixel by pixel
 * with interpolation, which made a frame of the main window take 45 ms instead of 13 (docs/decisions/0038). A
 * {@code -Dprism.disableRegionCaching=...} given by the user wins.
 */
public final class RenderDefaults {

    static final String REGION_CACHING = "prism.disableRegionCaching";

    private RenderDefaults() {
    }

    /** Sets every default the user has not set. */
    public static void apply() {
        if (System.getProperty(REGION_CACHING) == null) {
            System.setProperty(REGION_CACHING, "true");
        }
    }
}
