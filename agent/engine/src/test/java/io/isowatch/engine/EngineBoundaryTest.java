package io.isowatch.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The engine layer is what every engine shares, so it knows none of them: only the JDK, the core,
 * the model runtime (which it builds through isowatch-model's own types, never ONNX Runtime's) and
 * Jackson, which reads the agent's specification from YAML.
 */
class EngineBoundaryTest {
  private static final JavaClasses ENGINE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.isowatch.engine");

  @Test
  void dependsOnlyOnTheJdkTheCoreAndTheModelRuntime() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "io.isowatch.core..",
            "io.isowatch.model..",
            "io.isowatch.engine..",
            "com.fasterxml.jackson..")
        .because("Kafka Streams, Flink, the in-process engine and the CLI build on it, not in it")
        .check(ENGINE);
  }
}
