package io.axon.controller.job;

/**
 * The clone step's shell script. It is a constant: the repository, ref and token reach it only as
 * environment variables, always quoted, so no user-supplied text is ever parsed as shell code.
 */
public final class CloneScript {

  /** Where the repository is cloned; the agent works here. */
  public static final String REPO_DIR = "/workspace/repo";

  public static final String SCRIPT =
      """
      set -eu
      if [ -n "${GITHUB_TOKEN:-}" ]; then
        # Kept in HOME, which the agent container shares, so the agent can push with the same token.
        git config --global credential.helper \
          '!f() { echo username=x-access-token; echo "password=${GITHUB_TOKEN}"; }; f'
      fi
      if [ -n "${AXON_REF:-}" ]; then
        git clone --no-checkout -- "$AXON_REPO" "$AXON_REPO_DIR"
        git -C "$AXON_REPO_DIR" checkout "$AXON_REF" --
      else
        git clone -- "$AXON_REPO" "$AXON_REPO_DIR"
      fi
      git -C "$AXON_REPO_DIR" log -1 --format='cloned %H (%s)'
      """;

  private CloneScript() {}
}
