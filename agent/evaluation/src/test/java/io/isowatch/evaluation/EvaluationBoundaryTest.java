package io.isowatch.evaluation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The harness is engine-free: it drives the core's monitor itself and reads files through the
 * connectors, so its numbers hold for every engine that delegates to the same core.
 */
class EvaluationBoundaryTest {
  private static final JavaClasses EVALUATION =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.isowatch.evaluation");

  @Test
  void dependsOnlyOnTheCoreTheSharedEngineLayerTheConnectorsAndJackson() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "io.isowatch.evaluation..",
            "io.isowatch.core..",
            "io.isowatch.engine..",
            "io.isowatch.connectors..",
            "com.fasterxml.jackson..",
            "org.tribuo..",
            "ml.dmlc.xgboost4j.java..")
        .because("evaluation measures the core's verdicts, not an engine's plumbing")
        .check(EVALUATION);
  }

  @Test
  void onlyTheRiskTrainingUsesTribuoAndXgboost() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.isowatch.evaluation.train..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.tribuo..", "ml.dmlc..")
        .because(
            "the agent walks the trained trees itself; Tribuo and XGBoost only fit them offline")
        .check(EVALUATION);
  }
}
