package io.isowatch.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The core is the one place the domain lives, and every engine shares it: it may use the JDK and
 * its linear-algebra library, nothing that ties it to an engine, a connector, a wire format or the
 * CLI. The model runtime (ONNX Runtime) and the tokenizers (DJL) stay inside the two packages that
 * wrap them, encode and embed. Measures never know about persistence beyond the engine-neutral
 * snapshot package.
 */
class CoreBoundaryTest {
  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.isowatch.core");

  private static final String[] MODEL_PACKAGES = {
    "io.isowatch.core.embed", "io.isowatch.core.encode"
  };

  @Test
  void coreDependsOnlyOnTheJdkAndLinearAlgebra() {
    classes()
        .that()
        .resideOutsideOfPackages(MODEL_PACKAGES)
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "org.ejml..", "io.isowatch.core..")
        .because("engines, connectors and formats are adapters around the core, not inside it")
        .check(CORE);
  }

  @Test
  void onlyEncodersAndEmbeddersUseTheModelRuntimeAndTokenizers() {
    classes()
        .that()
        .resideInAnyPackage(MODEL_PACKAGES)
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..", "org.ejml..", "io.isowatch.core..", "ai.onnxruntime..", "ai.djl..")
        .because("ONNX Runtime and the DJL tokenizers are wrapped by encode and embed alone")
        .check(CORE);
  }

  @Test
  void snapshotFormatKnowsNothingOfTheMeasures() {
    noClasses()
        .that()
        .resideInAPackage("io.isowatch.core.state..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.isowatch.core.geometry..")
        .check(CORE);
  }
}
