package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API server refuses a Task or taskTemplate whose podOverrides would take the agent's pod out
 * of the restricted Pod Security Standard, or whose image and credentials do not fit together, with
 * the schema's message saying why; a Task using every offered override is accepted.
 */
class PodOverridesSchemaIT {
  static final String NS = "pod-overrides-schema";
  static final String CREDENTIALS = "credentials: {type: oauth, secretRef: {name: claude-oauth}}";
  static final String RESTRICTED =
      "the agent's pod keeps the restricted Pod Security Standard, whatever the Task asks";
  static ControlPlane plane;
  static KubernetesClient client;

  @BeforeAll
  static void start() {
    plane = ControlPlane.builder().start();
    client = plane.client();
    plane.createNamespace(NS);
  }

  @AfterAll
  static void stop() {
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  void aTaskWithEveryOfferedOverrideIsAccepted() {
    GenericKubernetesResource created =
        client
            .resource(
                task(
                    "all-overrides",
                    CREDENTIALS
                        + """

                          image: registry.example.com/team/agent:1.2@sha256:0123
                          podOverrides:
                            resources:
                              requests: {cpu: 500m, memory: 1Gi}
                              limits: {memory: 8Gi, nvidia.com/gpu: 1}
                            nodeSelector: {pool: agents}
                            tolerations: [{key: dedicated, operator: Equal, value: agents, effect: NoSchedule}]
                            affinity:
                              nodeAffinity:
                                requiredDuringSchedulingIgnoredDuringExecution:
                                  nodeSelectorTerms: [{matchExpressions: [{key: zone, operator: In, values: [a]}]}]
                            env:
                            - {name: LOG_LEVEL, value: debug}
                            - name: NPM_TOKEN
                              valueFrom: {secretKeyRef: {name: npm, key: token}}
                            imagePullSecrets: [{name: registry}]
                            activeDeadlineSeconds: 600
                            labels: {team: a}
                            annotations: {example.com/cost-center: "42"}
                            serviceAccountName: agent-sa
                        """))
            .create();
    assertThat((Object) created.get("spec", "podOverrides", "resources", "limits", "memory"))
        .isEqualTo("8Gi");
  }

  @Test
  void hostNamespacesAreRefused() {
    for (String field : new String[] {"hostNetwork", "hostPID", "hostIPC"}) {
      assertRefused(
          overrides("host-" + field.toLowerCase(), field + ": true"),
          "podOverrides.hostNetwork, hostPID and hostIPC are refused: " + RESTRICTED);
    }
  }

  @Test
  void aPrivilegedOrCapableContainerIsRefused() {
    assertRefused(
        overrides("privileged", "securityContext: {privileged: true}"),
        "podOverrides.securityContext is refused: " + RESTRICTED);
    assertRefused(
        overrides("privileged-flat", "privileged: true"),
        "podOverrides.privileged is refused: " + RESTRICTED);
    assertRefused(
        overrides("capabilities", "capabilities: {add: [NET_ADMIN]}"),
        "podOverrides.capabilities is refused: " + RESTRICTED);
  }

  @Test
  void hostPathsAndVolumesAreRefused() {
    assertRefused(
        overrides("volumes", "volumes: [{name: root, hostPath: {path: /}}]"),
        "podOverrides.volumes and hostPath are refused: " + RESTRICTED);
    assertRefused(
        overrides("host-path", "hostPath: {path: /var/run/docker.sock}"),
        "podOverrides.volumes and hostPath are refused: " + RESTRICTED);
  }

  @Test
  void anUnconfinedAppArmorOrSeccompAnnotationIsRefused() {
    assertRefused(
        overrides(
            "apparmor",
            "annotations: {container.apparmor.security.beta.kubernetes.io/agent: unconfined}"),
        "podOverrides.annotations: AppArmor and seccomp annotations are refused: " + RESTRICTED);
  }

  @Test
  void axonsOwnNamesAreRefused() {
    assertRefused(
        overrides("own-label", "labels: {axon.io/task: other}"),
        "podOverrides.labels: keys under axon.io/ and app.kubernetes.io/ are Axon's own");
    assertRefused(
        overrides("own-annotation", "annotations: {axon.io/prompt: other}"),
        "podOverrides.annotations: keys under axon.io/ are Axon's own");
    assertRefused(
        overrides("own-env", "env: [{name: AXON_PROMPT_FILE, value: /etc/passwd}]"),
        "podOverrides.env: names starting with AXON_ are Axon's own");
    assertRefused(
        overrides("own-home", "env: [{name: HOME, value: /}]"),
        "podOverrides.env: HOME and GITHUB_TOKEN are set by Axon");
    assertRefused(
        overrides("token-mount", "automountServiceAccountToken: true"),
        "podOverrides.automountServiceAccountToken is refused");
  }

  @Test
  void twoDifferentDeadlinesAreRefused() {
    assertRefused(
        task(
            "two-deadlines",
            CREDENTIALS
                + "\n  activeDeadlineSeconds: 60\n  podOverrides: {activeDeadlineSeconds: 61}"),
        "activeDeadlineSeconds and podOverrides.activeDeadlineSeconds differ: give only one");
  }

  @Test
  void workloadIdentityNeedsAServiceAccountAndNoSecret() {
    assertRefused(
        task("none-without-sa", "credentials: {type: none}"),
        "credentials.type none (workload identity) needs podOverrides.serviceAccountName");
    assertRefused(
        task(
            "none-with-secret",
            "credentials: {type: none, secretRef: {name: s}}\n"
                + "  podOverrides: {serviceAccountName: sa}"),
        "credentials.type none takes no secretRef");
    assertRefused(
        task("key-without-secret", "credentials: {type: api-key}"),
        "credentials.secretRef is required for api-key and oauth");
    client
        .resource(
            task(
                "none-with-sa",
                "credentials: {type: none}\n  podOverrides: {serviceAccountName: vertex-agent}"))
        .create();
  }

  @Test
  void anImageWithWhiteSpaceOrAnOptionIsRefused() {
    assertRefused(
        task("image-space", CREDENTIALS + "\n  image: \"my image\""),
        "spec.image in body should match");
    assertRefused(
        task("image-option", CREDENTIALS + "\n  image: --privileged"),
        "spec.image in body should match");
  }

  @Test
  void aSpawnersTaskTemplateIsCheckedTheSameWay() {
    GenericKubernetesResource spawner =
        ItFixtures.yaml(
            """
            apiVersion: axon.io/v1alpha1
            kind: TaskSpawner
            metadata: {name: host-network, namespace: %s}
            spec:
              when: {githubIssues: {workspaceRef: {name: ws}}}
              taskTemplate:
                type: claude-code
                credentials: {type: oauth, secretRef: {name: claude-oauth}}
                podOverrides: {hostNetwork: true}
            """
                .formatted(NS));
    assertRefused(spawner, "podOverrides.hostNetwork, hostPID and hostIPC are refused");
  }

  static GenericKubernetesResource overrides(String name, String overrides) {
    return task(name, CREDENTIALS + "\n  podOverrides: {" + overrides + "}");
  }

  static GenericKubernetesResource task(String name, String spec) {
    return ItFixtures.yaml(
        """
        apiVersion: axon.io/v1alpha1
        kind: Task
        metadata: {name: %s, namespace: %s}
        spec:
          type: claude-code
          prompt: hi
          %s
        """
            .formatted(name, NS, spec));
  }

  static void assertRefused(GenericKubernetesResource object, String serverMessage) {
    assertThatThrownBy(() -> client.resource(object).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).as(e.getMessage()).isEqualTo(422);
              assertThat(e.getStatus().getMessage()).contains(serverMessage);
            });
  }
}
