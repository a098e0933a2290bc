package io.isowatch.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The engine layer is what every engine shares, so it knows none of them: only the JDK and the core
 * (whose model runtime it builds through the core's own types).
 */
class EngineBoundaryTest {
  private static final JavaClasses ENGINE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.isowatch.engine");

  @Test
  void dependsOnlyOnTheJdkAndTheCore() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "io.isowatch.core..", "io.isowatch.engine..")
        .because("Kafka Streams, Flink, the in-process engine and the CLI build on it, not in it")
        .check(ENGINE);
  }
}
