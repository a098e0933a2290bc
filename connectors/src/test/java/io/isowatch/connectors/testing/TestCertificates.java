package io.isowatch.connectors.testing;

import io.isowatch.testkit.DebianBinary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A self-signed certificate for localhost and 127.0.0.1, made by openssl for the TLS tests: the key
 * and certificate as PEM (mosquitto reads those) and as a PKCS#12 key store (the JDK's HTTPS server
 * reads that). The certificate is also the authority clients trust.
 *
 * @param key the private key, PEM
 * @param certificate the certificate, PEM
 * @param keyStore both in PKCS#12, password {@link #PASSWORD}
 */
public record TestCertificates(Path key, Path certificate, Path keyStore) {
  public static final String PASSWORD = "changeit";

  public static TestCertificates create(Path dir) throws IOException, InterruptedException {
    Path openssl = DebianBinary.require("openssl", "/usr/bin/openssl");
    Path key = dir.resolve("key.pem");
    Path certificate = dir.resolve("cert.pem");
    Path keyStore = dir.resolve("server.p12");
    run(
        dir,
        List.of(
            openssl.toString(),
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            key.toString(),
            "-out",
            certificate.toString(),
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=IP:127.0.0.1,DNS:localhost"));
    run(
        dir,
        List.of(
            openssl.toString(),
            "pkcs12",
            "-export",
            "-in",
            certificate.toString(),
            "-inkey",
            key.toString(),
            "-out",
            keyStore.toString(),
            "-passout",
            "pass:" + PASSWORD));
    return new TestCertificates(key, certificate, keyStore);
  }

  private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
    Path log = dir.resolve("openssl.log");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    if (process.waitFor() != 0) {
      throw new AssertionError("openssl failed: " + Files.readString(log));
    }
  }
}
