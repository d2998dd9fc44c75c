package io.axon.controller.it;

import java.nio.file.Path;
import java.util.List;

/**
 * The certificates a real node needs, made with openssl: a client CA that the API server trusts,
 * the kubelet's client certificate ({@code system:node:127.0.0.1} in {@code system:nodes}, so the
 * Node authorizer and NodeRestriction admit it) and the API server's own client certificate for
 * reaching kubelets (logs, exec).
 */
final class NodePki {
  final Path dir;

  NodePki(Path dir) {
    this.dir = dir;
    HostCommands.run(dir, List.of("mkdir", "-p", dir.toString()));
    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt",
        "-days",
        "2",
        "-subj",
        "/CN=axon-real-node-ca");
    clientCertificate("kubelet", "/O=system:nodes/CN=system:node:" + RealNode.NODE_NAME);
    clientCertificate(
        "apiserver-kubelet-client", "/O=system:masters/CN=kube-apiserver-kubelet-client");
  }

  Path file(String name) {
    return dir.resolve(name);
  }

  private void clientCertificate(String name, String subject) {
    openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        name + ".key",
        "-out",
        name + ".csr",
        "-subj",
        subject);
    HostCommands.write(
        dir.resolve(name + ".ext"),
        "extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n");
    openssl(
        "x509",
        "-req",
        "-in",
        name + ".csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        name + ".ext",
        "-out",
        name + ".crt");
  }

  private void openssl(String... args) {
    HostCommands.run(dir, List.of(args), "openssl");
  }
}
