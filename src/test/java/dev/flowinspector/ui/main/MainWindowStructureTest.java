package dev.flowinspector.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The main window's parts depend on each other one way (docs/decisions/0014). */
class MainWindowStructureTest {

    private static final String PACKAGE = "dev.flowinspector.ui.main";

    /** Part → the parts it uses (nested and anonymous classes count as their top-level class). */
    private static Map<String, Set<String>> uses() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(PACKAGE);
        Map<String, Set<String>> uses = new TreeMap<>();
        for (JavaClass c : classes) {
            if (!c.getPackageName().equals(PACKAGE)) {
                continue;
            }
            Set<String> to = uses.computeIfAbsent(top(c), k -> new TreeSet<>());
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                JavaClass t = d.getTargetClass();
                if (t.getPackageName().equals(PACKAGE) && !top(t).equals(top(c))) {
                    to.add(top(t));
                }
            }
        }
        return uses;
    }

    private static String top(JavaClass c) {
        String n = c.getName().substring(PACKAGE.length() + 1);
        int dollar = n.indexOf('$');
        return dollar < 0 ? n : n.substring(0, dollar);
    }

    @Test
    @DisplayName("the main window's parts form no cycle: each part uses only parts below it")
    void noCycleBetweenParts() {
        Map<String, Set<String>> uses = uses();
        assertTrue(uses.keySet().containsAll(List.of("MainWindow", "CaptureLoader", "Navigator", "FilterBar",
                "StatusBar", "OpenCapture")), uses.keySet().toString());
        List<String> cycle = new ArrayList<>();
        Set<String> done = new TreeSet<>();
        for (String part : uses.keySet()) {
            if (cycle.isEmpty()) {
                findCycle(part, uses, new ArrayList<>(), done, cycle);
            }
        }
        assertEquals(List.of(), cycle, "a cycle between the parts of the main window");
    }

    @Test
    @DisplayName("only MainWindow composes the parts: no part uses it")
    void nothingUsesTheWindow() {
        Map<String, Set<String>> uses = uses();
        for (Map.Entry<String, Set<String>> e : uses.entrySet()) {
            assertTrue(!e.getValue().contains("MainWindow"), e.getKey() + " uses MainWindow");
        }
    }

    private static void findCycle(String part, Map<String, Set<String>> uses, List<String> path, Set<String> done,
                                  List<String> cycle) {
        int at = path.indexOf(part);
        if (at >= 0) {
            cycle.addAll(path.subList(at, path.size()));
            cycle.add(part);
            return;
        }
        if (done.contains(part)) {
            return;
        }
        path.add(part);
        for (String next : uses.getOrDefault(part, Set.of())) {
            findCycle(next, uses, path, done, cycle);
            if (!cycle.isEmpty()) {
                return;
            }
        }
        path.remove(path.size() - 1);
        done.add(part);
    }
}
