package io.isowatch.connectors.tls;

import io.isowatch.connectors.secret.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for the HTTP and MQTT connectors, from the two files operators usually have: the PEM
 * certificate(s) of the authority that signed the server ({@code caCertificates}; the JVM's default
 * trust store when absent) and, for a server (the push endpoint) or a client that must show a
 * certificate, a PKCS#12 key store with its password.
 *
 * <pre>{@code
 * SSLContext tls = new TlsSettings(Optional.of(Path.of("ca.pem")), Optional.empty(),
 *     Optional.empty()).context();
 * }</pre>
 *
 * @param caCertificates PEM file of trusted certificates; empty: the JVM's defaults
 * @param keyStore PKCS#12 file with this side's key and certificate, if it must show one
 * @param keyStorePassword the key store's password (also used for the key)
 */
public record TlsSettings(
    Optional<Path> caCertificates, Optional<Path> keyStore, Optional<Secret> keyStorePassword) {
  public TlsSettings {
    Objects.requireNonNull(caCertificates, "caCertificates");
    Objects.requireNonNull(keyStore, "keyStore");
    Objects.requireNonNull(keyStorePassword, "keyStorePassword");
    if (keyStore.isPresent() && keyStorePassword.isEmpty()) {
      throw new IllegalArgumentException("keyStore " + keyStore.get() + " needs a password");
    }
  }

  /** The JVM's default trust, no key of our own. */
  public static TlsSettings defaults() {
    return new TlsSettings(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * Builds the context.
   *
   * @throws IllegalArgumentException naming the file that cannot be read or used
   */
  public SSLContext context() {
    try {
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(caCertificates.isPresent() ? trustStore(caCertificates.get()) : null);
      KeyManagerFactory keys = null;
      if (keyStore.isPresent()) {
        char[] password = keyStorePassword.orElseThrow().reveal().toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore.get())) {
          store.load(in, password);
        } catch (IOException e) {
          throw new IllegalArgumentException(
              "cannot read key store " + keyStore.get() + ": " + e.getMessage(), e);
        }
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static KeyStore trustStore(Path pem) throws GeneralSecurityException {
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(pem)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read CA certificates " + pem + ": " + e.getMessage(), e);
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("no certificate in " + pem);
    }
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new IllegalStateException(e); // an empty in-memory store cannot fail to load
    }
    int n = 0;
    for (Certificate certificate : certificates) {
      store.setCertificateEntry("ca-" + n++, certificate);
    }
    return store;
  }
}
