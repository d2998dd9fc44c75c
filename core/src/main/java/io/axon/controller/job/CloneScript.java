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
      HELPER='!f() { test "$1" = get || exit 0; echo username=x-access-token; echo "password=${GITHUB_TOKEN}"; }; f'
      if [ -n "${AXON_CLONE_NOTICE:-}" ]; then
        echo "axon: $AXON_CLONE_NOTICE" >&2
      fi
      # No helper from the image's or the user's config; the token's only for the repository's
      # origin, and only in this repository's own config, where the agent's pushes find it.
      set -- -c credential.helper=
      if [ -n "${GITHUB_TOKEN:-}" ] && [ -n "${AXON_CREDENTIAL_ORIGIN:-}" ]; then
        set -- "$@" -c "credential.$AXON_CREDENTIAL_ORIGIN.helper=$HELPER"
      fi
      # A partial clone (no old file contents) unless the Workspace asks for the whole history;
      # commits and trees are all there, so any SHA still checks out.
      filter=--filter=blob:none
      if [ "${AXON_PARTIAL_CLONE:-true}" = false ]; then filter=--no-filter; fi
      if [ -n "${AXON_REF:-}" ]; then
        git "$@" clone "$filter" --no-checkout -- "$AXON_REPO" "$AXON_REPO_DIR"
        # The checkout fetches the blobs it needs from origin, with the same credentials.
        git "$@" -C "$AXON_REPO_DIR" checkout "$AXON_REF" --
      else
        git "$@" clone "$filter" -- "$AXON_REPO" "$AXON_REPO_DIR"
      fi
      i=0
      while [ "$i" -lt "${AXON_REMOTE_COUNT:-0}" ]; do
        name=$(printenv "AXON_REMOTE_${i}_NAME")
        url=$(printenv "AXON_REMOTE_${i}_URL")
        git -C "$AXON_REPO_DIR" remote add -- "$name" "$url"
        i=$((i + 1))
      done
      if [ -n "${GITHUB_TOKEN:-}" ] && [ -n "${AXON_CREDENTIAL_ORIGIN:-}" ]; then
        git -C "$AXON_REPO_DIR" config credential.helper ""
        git -C "$AXON_REPO_DIR" config --add "credential.$AXON_CREDENTIAL_ORIGIN.helper" "$HELPER"
      fi
      if [ -n "${AXON_BRANCH:-}" ]; then
        # The Task's branch: the repository's own when it has one, else new from the ref.
        git check-ref-format --branch "$AXON_BRANCH" >/dev/null
        set +e
        git -C "$AXON_REPO_DIR" ls-remote --exit-code --heads origin "refs/heads/$AXON_BRANCH" >/dev/null
        found=$?
        set -e
        if [ "$found" -eq 0 ]; then
          git -C "$AXON_REPO_DIR" fetch -q origin "+refs/heads/$AXON_BRANCH:refs/remotes/origin/$AXON_BRANCH"
          git -C "$AXON_REPO_DIR" checkout -q -B "$AXON_BRANCH" "refs/remotes/origin/$AXON_BRANCH" --
          echo "axon: on branch $AXON_BRANCH of the repository"
        elif [ "$found" -eq 2 ]; then
          git -C "$AXON_REPO_DIR" checkout -q -b "$AXON_BRANCH" --
          echo "axon: created branch $AXON_BRANCH"
        else
          echo "axon: cannot look up branch $AXON_BRANCH in the repository (git ls-remote exit $found)" >&2
          exit 1
        fi
        # A plain "git push" publishes the new branch under its own name.
        git -C "$AXON_REPO_DIR" config push.autoSetupRemote true
      fi
      if [ -n "${AXON_ORIGIN_URL:-}" ]; then
        # Where the agent's tools look for origin (gh: on GH_HOST); its git reaches it by proxy.
        git -C "$AXON_REPO_DIR" remote set-url origin "$AXON_ORIGIN_URL"
      fi
      git -C "$AXON_REPO_DIR" log -1 --format='cloned %H (%s)'
      """;

  private CloneScript() {}
}
