package io.axon.cli.startup;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The training run's TLS identity: a self-signed certificate for 127.0.0.1 and its key, made by the
 * JDK's own {@code keytool} for this run only (the JDK has no API to issue a certificate), kept in
 * memory and in a temporary directory the run deletes.
 */
record TrainingIdentity(KeyStore store, char[] password, String certificatePem, String keyPem) {
  private static final String ALIAS = "train";
  private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

  /**
   * A fresh identity, or null when this JDK has no {@code keytool} (a trimmed runtime): then the
   * training runs over plain HTTP and the cache lacks only the TLS classes.
   */
  static TrainingIdentity generate(Path dir) throws IOException, InterruptedException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    if (!Files.isExecutable(keytool)) {
      return null;
    }
    byte[] secret = new byte[18];
    new SecureRandom().nextBytes(secret);
    char[] password = HexFormat.of().formatHex(secret).toCharArray();
    Path storeFile = dir.resolve("train.p12");
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    keytool.toString(),
                    "-genkeypair",
                    "-alias",
                    ALIAS,
                    "-keyalg",
                    "RSA",
                    "-keysize",
                    "2048",
                    "-validity",
                    "1",
                    "-dname",
                    "CN=axon-train",
                    "-ext",
                    "san=ip:127.0.0.1",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    storeFile.toString(),
                    "-storepass:env",
                    "AXON_TRAIN_STOREPASS"))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    // By environment, not argv: other users may read a process's command line.
    builder.environment().put("AXON_TRAIN_STOREPASS", new String(password));
    Process keytoolRun = builder.start();
    if (!keytoolRun.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      keytoolRun.destroyForcibly();
      return null;
    }
    if (keytoolRun.exitValue() != 0 || !Files.isRegularFile(storeFile)) {
      return null;
    }
    try (InputStream in = Files.newInputStream(storeFile)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      Certificate certificate = store.getCertificate(ALIAS);
      Key key = store.getKey(ALIAS, password);
      return new TrainingIdentity(
          store,
          password,
          pem("CERTIFICATE", certificate.getEncoded()),
          pem("PRIVATE KEY", key.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read the training identity keytool made", e);
    } finally {
      Files.deleteIfExists(storeFile);
    }
  }

  SSLContext sslContext() throws IOException {
    try {
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up the training server's TLS", e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
