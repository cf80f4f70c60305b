package dev.flowinspector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flowinspector.BuildInfo;
import org.junit.jupiter.api.Test;

/** {@code flowinspector --version} prints the pom's version (Maven passes it as {@code pom.version}). */
class VersionCommandTest {

    @Test
    void versionIsThePomVersion() {
        String pom = System.getProperty("pom.version");
        assertEquals(pom, BuildInfo.version(), "version.properties against the pom (surefire's pom.version)");
        DecodeCommandTest.Run r = DecodeCommandTest.run("--version");
        assertEquals(0, r.status());
        assertEquals("FlowInspector " + pom, r.out().strip());
    }
}
