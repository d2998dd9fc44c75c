package io.axon.controller.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;

/** GitHub App keys for tests: made by openssl, in the PKCS#1 PEM GitHub hands out. */
public final class AppKeys {
  private AppKeys() {}

  public static String pkcs1(Path dir) throws Exception {
    Path key = dir.resolve("app.pem");
    Process openssl =
        new ProcessBuilder("openssl", "genrsa", "-traditional", "-out", key.toString(), "2048")
            .redirectErrorStream(true)
            .start();
    String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(openssl.waitFor()).as(output).isZero();
    return Files.readString(key);
  }

  public static PublicKey publicKey(String pem) throws Exception {
    RSAPrivateCrtKey key = (RSAPrivateCrtKey) AppJwt.privateKey(pem);
    return KeyFactory.getInstance("RSA")
        .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
  }
}
