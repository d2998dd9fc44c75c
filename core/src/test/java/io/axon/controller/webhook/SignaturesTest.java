package io.axon.controller.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignaturesTest {
  // GitHub's own example (docs: "Validating webhook deliveries").
  static final String SECRET = "It's a Secret to Everybody";
  static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
  static final String EXPECTED =
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

  @Test
  void matchesGitHubsDocumentedExample() {
    assertThat(Signatures.sign(SECRET, BODY)).isEqualTo(EXPECTED);
    assertThat(Signatures.verifies(SECRET, BODY, EXPECTED)).isTrue();
  }

  @Test
  void refusesAnythingElse() {
    assertThat(Signatures.verifies("another secret", BODY, EXPECTED)).isFalse();
    assertThat(Signatures.verifies(SECRET, "Hello, World?".getBytes(), EXPECTED)).isFalse();
    assertThat(Signatures.verifies(SECRET, BODY, null)).isFalse();
    assertThat(Signatures.verifies(SECRET, BODY, EXPECTED.replace("sha256=", "sha1="))).isFalse();
    assertThat(Signatures.verifies(SECRET, BODY, "sha256=zz")).isFalse();
    assertThat(Signatures.verifies(SECRET, BODY, EXPECTED.substring(0, 20))).isFalse();
  }
}
