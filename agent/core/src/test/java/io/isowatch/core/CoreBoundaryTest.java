package io.isowatch.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The core is the one place the domain lives, and every engine shares it: it may use the JDK and
 * its linear-algebra library, nothing that ties it to an engine, a connector, a wire format, the
 * CLI or a model runtime. ONNX Runtime, the DJL tokenizers and the bundled models live in
 * isowatch-model, which implements the core's {@code Embedder} and {@code WindowEncoder}; the core
 * sees a model only through those interfaces and their values. Measures never know about
 * persistence beyond the engine-neutral snapshot package.
 */
class CoreBoundaryTest {
  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.isowatch.core");

  /** The core is model-free: it fails as soon as one core class names a model-runtime class. */
  static final ArchRule MODEL_FREE =
      noClasses()
          .that()
          .resideInAPackage("io.isowatch.core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "ai.onnxruntime..", "ai.djl..", "dev.langchain4j..", "io.isowatch.model..")
          .because(
              "whoever wants the geometry library must not get the model: ONNX Runtime, the"
                  + " tokenizers and the bundled models belong to isowatch-model");

  @Test
  void coreDependsOnlyOnTheJdkAndLinearAlgebra() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "org.ejml..", "io.isowatch.core..")
        .because("engines, connectors, formats and models are adapters around the core")
        .check(CORE);
  }

  @Test
  void coreDependsOnNoModelRuntimeTokenizerOrModel() {
    MODEL_FREE.check(CORE);
  }

  /**
   * The rule bites: a core class that imports a class of ONNX Runtime, the tokenizers, a bundled
   * model jar or isowatch-model is reported. The forbidden class is a stub of the same name,
   * compiled next to the offending core class, since none of them is on the core's classpath.
   */
  @ParameterizedTest
  @CsvSource({
    "ai.onnxruntime, OrtSession",
    "ai.djl.huggingface.tokenizers, HuggingFaceTokenizer",
    "dev.langchain4j.model.embedding.onnx.allminilml6v2, AllMiniLmL6V2EmbeddingModel",
    "io.isowatch.model.embed, OnnxEmbedder"
  })
  void theModelFreeRuleReportsACoreClassThatImportsTheModel(
      String modelPackage, String modelClass, @TempDir Path dir) throws IOException {
    Path sources = dir.resolve("src");
    Path classes = dir.resolve("classes");
    List<String> files = new ArrayList<>();
    files.add(
        write(
            sources,
            modelPackage,
            modelClass,
            "package " + modelPackage + "; public class " + modelClass + " {}"));
    files.add(
        write(
            sources,
            "io.isowatch.core.monitor",
            "ReachesForTheModel",
            "package io.isowatch.core.monitor; import "
                + modelPackage
                + "."
                + modelClass
                + "; class ReachesForTheModel { "
                + modelClass
                + " model; }"));
    List<String> arguments = new ArrayList<>(List.of("-d", classes.toString()));
    arguments.addAll(files);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac.run(null, null, null, arguments.toArray(String[]::new))).isZero();

    EvaluationResult result = MODEL_FREE.evaluate(new ClassFileImporter().importPath(classes));

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("io.isowatch.core.monitor.ReachesForTheModel")
                    .contains(modelPackage + "." + modelClass));
  }

  private static String write(Path root, String pkg, String name, String source)
      throws IOException {
    Path file = root.resolve(pkg.replace('.', '/')).resolve(name + ".java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, source);
    return file.toString();
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
