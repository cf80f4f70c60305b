package dev.flowinspector.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RenderDefaultsTest {

    private String saved;

    @BeforeEach
    void save() {
        saved = System.getProperty(RenderDefaults.REGION_CACHING);
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(RenderDefaults.REGION_CACHING);
        } else {
            System.setProperty(RenderDefaults.REGION_CACHING, saved);
        }
    }

    @Test
    void regionCachingIsOffUnlessTheUserSaysOtherwise() {
        System.clearProperty(RenderDefaults.REGION_CACHING);
        RenderDefaults.apply();
        assertEquals("true", System.getProperty("prism.disableRegionCaching"));

        System.setProperty(RenderDefaults.REGION_CACHING, "false");
        RenderDefaults.apply();
        assertEquals("false", System.getProperty("prism.disableRegionCaching"), "a value given by the user wins");
    }
}
