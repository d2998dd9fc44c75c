package io.axon.cli.startup;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;

/**
 * The key shares the JDK's TLS client sends in its first message (X25519 and secp256r1), made once
 * ahead of time and thrown away. The first of each in a process is slow (secp256r1 builds a table
 * of precomputed points, and the field arithmetic is not yet compiled): about 60 ms of a command's
 * start. Done while the command waits for its client anyway, the real handshake finds them ready.
 */
final class KeyExchangeWarmUp {
  private KeyExchangeWarmUp() {}

  static void run() {
    try {
      KeyPairGenerator x25519 = KeyPairGenerator.getInstance("XDH");
      x25519.initialize(NamedParameterSpec.X25519);
      x25519.generateKeyPair();
      KeyPairGenerator p256 = KeyPairGenerator.getInstance("EC");
      p256.initialize(new ECGenParameterSpec("secp256r1"));
      p256.generateKeyPair();
    } catch (GeneralSecurityException e) {
      // Only a head start: without it the handshake does the same work later.
    }
  }
}
