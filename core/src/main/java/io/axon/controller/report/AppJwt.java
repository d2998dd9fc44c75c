package io.axon.controller.report;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/**
 * The JSON Web Token a GitHub App signs to ask for an installation token: RS256 over {@code iat} (a
 * minute back, for clock drift), {@code exp} (nine minutes on; GitHub accepts at most ten) and
 * {@code iss} (the App's id). Reads the private key GitHub hands out (PKCS#1, {@code BEGIN RSA
 * PRIVATE KEY}) and PKCS#8 ({@code BEGIN PRIVATE KEY}).
 */
final class AppJwt {
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private AppJwt() {}

  /**
   * @throws ReportProblem when the key cannot be read (the message shows no part of it)
   */
  static String sign(String appId, String privateKeyPem, Instant now) {
    PrivateKey key = privateKey(privateKeyPem);
    String header = encode(new JsonObject().put("alg", "RS256").put("typ", "JWT"));
    String claims =
        encode(
            new JsonObject()
                .put("iat", now.minusSeconds(60).getEpochSecond())
                .put("exp", now.plusSeconds(540).getEpochSecond())
                .put("iss", appId));
    String signed = header + "." + claims;
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(key);
      rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
      return signed + "." + URL.encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new ReportProblem("cannot sign with the GitHub App's private key: " + e.getMessage());
    }
  }

  static PrivateKey privateKey(String pem) {
    boolean pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    try {
      byte[] der = Base64.getDecoder().decode(base64);
      byte[] pkcs8 = pkcs1 ? wrapPkcs1(der) : der;
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new ReportProblem(
          "GITHUB_APP_PRIVATE_KEY is not an RSA private key in PEM (PKCS#1 or PKCS#8)");
    }
  }

  /** PKCS#8's PrivateKeyInfo around a PKCS#1 RSAPrivateKey: version 0, rsaEncryption, the key. */
  private static byte[] wrapPkcs1(byte[] pkcs1) {
    byte[] algorithm = {
      0x30,
      0x0d,
      0x06,
      0x09,
      0x2a,
      (byte) 0x86,
      0x48,
      (byte) 0x86,
      (byte) 0xf7,
      0x0d,
      0x01,
      0x01,
      0x01,
      0x05,
      0x00
    };
    byte[] version = {0x02, 0x01, 0x00};
    byte[] octets = tlv(0x04, pkcs1);
    byte[] content = concat(version, algorithm, octets);
    return tlv(0x30, content);
  }

  private static byte[] tlv(int tag, byte[] value) {
    byte[] length;
    if (value.length < 0x80) {
      length = new byte[] {(byte) value.length};
    } else {
      byte[] digits = BigInteger.valueOf(value.length).toByteArray();
      int skip = digits[0] == 0 ? 1 : 0;
      length = new byte[digits.length - skip + 1];
      length[0] = (byte) (0x80 | (digits.length - skip));
      System.arraycopy(digits, skip, length, 1, digits.length - skip);
    }
    return concat(new byte[] {(byte) tag}, length, value);
  }

  private static byte[] concat(byte[]... parts) {
    int size = 0;
    for (byte[] part : parts) {
      size += part.length;
    }
    byte[] all = new byte[size];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }

  private static String encode(JsonObject json) {
    return URL.encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }
}
