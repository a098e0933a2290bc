package io.isowatch.connectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Connectors speak the core's plain types and hold no engine: every engine (in-process, Kafka
 * Streams, Flink) reuses them as they are. JSON is the one wire format here.
 */
class ConnectorsBoundaryTest {
  private static final JavaClasses CONNECTORS =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.isowatch.connectors");

  @Test
  void connectorsDependOnlyOnTheJdkJacksonAndTheCore() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..", "com.fasterxml.jackson..", "io.isowatch.core..", "io.isowatch.connectors..")
        .because("sources and sinks are shared by every engine and must not pull one in")
        .check(CONNECTORS);
  }

  @Test
  void sourcesAndSinksDoNotKnowEachOther() {
    noClasses()
        .that()
        .resideInAnyPackage("io.isowatch.connectors.file..", "io.isowatch.connectors.synthetic..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.isowatch.connectors.sink..")
        .check(CONNECTORS);
  }
}
