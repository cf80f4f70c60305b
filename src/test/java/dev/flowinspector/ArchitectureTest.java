package dev.flowinspector;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Keeps the layers pointing one way: ui → session → capture/decode → dictionary. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.flowinspector");

    @Test
    @DisplayName("decode is pure: no JavaFX, pcap4j, networking or files")
    void decodeIsPure() {
        noClasses().that().resideInAPackage("dev.flowinspector.decode..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.pcap4j..", "java.net..",
                        "java.nio.file..", "java.io..")
                .check(CLASSES);
    }

    @Test
    @DisplayName("decode and dictionary know nothing of capture, session, cli or ui")
    void decodeDoesNotDependUpwards() {
        noClasses().that().resideInAnyPackage("dev.flowinspector.decode..", "dev.flowinspector.dictionary..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.flowinspector.capture..",
                        "dev.flowinspector.session..", "dev.flowinspector.cli..", "dev.flowinspector.ui..")
                .check(CLASSES);
    }

    @Test
    @DisplayName("only ui uses JavaFX")
    void onlyUiUsesJavaFx() {
        noClasses().that().resideOutsideOfPackages("dev.flowinspector.ui..", "dev.flowinspector")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(CLASSES);
    }

    @Test
    @DisplayName("only tools.kafka uses the Kafka client (the collector sees RecordSink and TemplateShare)")
    void onlyToolsKafkaUsesKafka() {
        noClasses().that().resideOutsideOfPackage("dev.flowinspector.tools.kafka..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.kafka..")
                .check(CLASSES);
    }
}
