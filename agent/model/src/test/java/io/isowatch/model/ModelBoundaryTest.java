package io.isowatch.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The model runtime wraps ONNX Runtime and the DJL tokenizers behind the core's {@code Embedder}
 * and {@code WindowEncoder}: it may use those two, the core, the JDK and Jackson (to read the
 * bundled numeric LM's manifest.json), and no engine, connector or CLI. The ONNX embedder is the
 * only code that opens sessions; the text encoder is the only one that tokenizes.
 */
class ModelBoundaryTest {
  private static final JavaClasses MODEL =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.isowatch.model");

  @Test
  void dependsOnlyOnTheJdkTheCoreOnnxRuntimeTheTokenizersAndJackson() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "io.isowatch.core..",
            "io.isowatch.model..",
            "ai.onnxruntime..",
            "ai.djl..",
            // the bundled numeric LM's manifest.json
            "com.fasterxml.jackson..")
        .because("engines build the model runtime; the model runtime knows none of them")
        .check(MODEL);
  }

  @Test
  void onlyTheEmbedderUsesOnnxRuntimeAndOnlyTheEncoderTheTokenizers() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.isowatch.model.embed..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("ai.onnxruntime..")
        .check(MODEL);
    noClasses()
        .that()
        .resideOutsideOfPackage("io.isowatch.model.encode..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("ai.djl..")
        .check(MODEL);
  }
}
