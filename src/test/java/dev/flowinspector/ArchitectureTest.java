package dev.flowinspector;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Keeps the layers pointing one way: ui → engine → capture/decode → dictionary, with cli and tools beside
 * ui on top of the engine (docs/decisions/0010).
 */
class ArchitectureTest {

    private static final String ROOT = "dev.flowinspector";

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    @DisplayName("no cycles between the top-level packages")
    void noCyclesBetweenTopLevelPackages() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    @DisplayName("no cycles between any two packages")
    void noCyclesBetweenPackages() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    @DisplayName("decode is pure: no JavaFX, pcap4j, networking, files or libraries")
    void decodeIsPure() {
        noClasses().that().resideInAPackage(ROOT + ".decode..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.pcap4j..", "java.net..",
                        "java.nio.file..", "java.io..", "com.fasterxml..", "picocli..", "org.slf4j..")
                .check(CLASSES);
    }

    @Test
    @DisplayName("dictionary is pure: it reads only its own class-path data files")
    void dictionaryIsPure() {
        // java.net's URL alone: the data files are read relative to the URL of one of them (docs/decisions/0024)
        noClasses().that().resideInAPackage(ROOT + ".dictionary..")
                .should().dependOnClassesThat(resideInAnyPackage("javafx..", "org.pcap4j..", "java.nio.file..",
                        "com.fasterxml..", "picocli..", "org.slf4j..")
                        .or(resideInAPackage("java.net..").and(not(equivalentTo(java.net.URL.class)))))
                .check(CLASSES);
    }

    @Test
    @DisplayName("dictionary does not use decode")
    void dictionaryDoesNotUseDecode() {
        noClasses().that().resideInAPackage(ROOT + ".dictionary..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".decode..")
                .check(CLASSES);
    }

    @Test
    @DisplayName("decode and dictionary know nothing of capture, engine, cli, tools or ui")
    void decodeDoesNotDependUpwards() {
        noClasses().that().resideInAnyPackage(ROOT + ".decode..", ROOT + ".dictionary..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".capture..", ROOT + ".engine..",
                        ROOT + ".cli..", ROOT + ".tools..", ROOT + ".ui..")
                .check(CLASSES);
    }

    @Test
    @DisplayName("capture knows nothing of engine, cli, tools or ui")
    void captureDoesNotDependUpwards() {
        noClasses().that().resideInAPackage(ROOT + ".capture..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".engine..", ROOT + ".cli..",
                        ROOT + ".tools..", ROOT + ".ui..")
                .check(CLASSES);
    }

    @Test
    @DisplayName("the engine is headless: no JavaFX, no cli, tools or ui")
    void engineIsHeadless() {
        noClasses().that().resideInAPackage(ROOT + ".engine..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", ROOT + ".cli..", ROOT + ".tools..",
                        ROOT + ".ui..")
                .check(CLASSES);
    }

    @Test
    @DisplayName("only ui uses JavaFX")
    void onlyUiUsesJavaFx() {
        noClasses().that().resideOutsideOfPackages(ROOT + ".ui..", ROOT)
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(CLASSES);
    }

    @Test
    @DisplayName("only tools.kafka uses the Kafka client (the collector sees RecordSink and TemplateShare)")
    void onlyToolsKafkaUsesKafka() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".tools.kafka..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.kafka..")
                .check(CLASSES);
    }

    @Test
    @DisplayName("ui does not use pcap4j or capture internals directly")
    void uiUsesCaptureThroughItsFacade() {
        noClasses().that().resideInAPackage(ROOT + ".ui..")
                .should().dependOnClassesThat().resideInAnyPackage("org.pcap4j..")
                .orShould().dependOnClassesThat().haveNameMatching(ROOT.replace(".", "\\.") + "\\.capture\\."
                        + "(PcapReader|PcapngReader|IpfixFileReader|PacketParser|IpReassembly|TcpReassembly"
                        + "|AbstractCaptureReader|ReadAheadReader)(\\$.*)?")
                .because("the GUI reads captures through CaptureFiles/CaptureReader, never a format reader")
                .check(CLASSES);
    }

    @Test
    @DisplayName("tools and cli do not depend on ui")
    void toolsDoNotUseUi() {
        noClasses().that().resideInAnyPackage(ROOT + ".tools..", ROOT + ".cli..", ROOT + ".engine..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".ui..")
                .check(CLASSES);
    }

    @Test
    @DisplayName("no source file under src/main is over 600 lines")
    void sourceFilesStaySmall() throws java.io.IOException {
        java.nio.file.Path main = java.nio.file.Path.of("src", "main", "java");
        java.util.List<java.nio.file.Path> sources;
        try (var files = java.nio.file.Files.walk(main)) {
            sources = files.filter(x -> x.toString().endsWith(".java")).toList();
        }
        java.util.List<String> big = new java.util.ArrayList<>();
        for (java.nio.file.Path f : sources) {
            long n;
            try (var lines = java.nio.file.Files.lines(f)) {
                n = lines.count();
            }
            if (n > 600) {
                big.add(main.relativize(f) + " (" + n + " lines)");
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), big);
    }
}
