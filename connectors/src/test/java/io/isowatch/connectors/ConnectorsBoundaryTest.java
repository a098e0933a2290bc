package io.isowatch.connectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Connectors speak the core's plain types and hold no engine: every engine (in-process, Kafka
 * Streams, Flink) reuses them as they are. JSON is the one wire format here; the protocol clients
 * are the JDK's (HTTP client and server, TLS), Eclipse Paho (MQTT) and kafka-clients.
 */
class ConnectorsBoundaryTest {
  private static final JavaClasses CONNECTORS =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.isowatch.connectors");

  @Test
  void connectorsDependOnlyOnTheJdkJacksonTheCoreAndProtocolClients() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "javax.net.ssl..",
            "javax.crypto..",
            "com.sun.net.httpserver..",
            "org.eclipse.jetty..",
            "com.fasterxml.jackson..",
            "org.eclipse.paho.client.mqttv3..",
            "org.apache.kafka.clients..",
            "org.apache.kafka.common..",
            "io.isowatch.core..",
            "io.isowatch.connectors..")
        .because("sources and sinks are shared by every engine and must not pull one in")
        .check(CONNECTORS);
  }

  @Test
  void noEngineInConnectors() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.kafka.streams..", "org.apache.flink..", "io.isowatch.runtime..")
        .check(CONNECTORS);
  }

  @Test
  void sourcesAndSinksDoNotKnowEachOther() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.isowatch.connectors.file..",
            "io.isowatch.connectors.synthetic..",
            "io.isowatch.connectors.mqtt..",
            "io.isowatch.connectors.http..",
            "io.isowatch.connectors.stdin..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.isowatch.connectors.sink..")
        .check(CONNECTORS);
  }
}
