package io.axon.controller.job;

/**
 * The setup step's shell script, run after the clone and before the agent: it writes the
 * Workspace's (and the agent configuration's) files, then runs the Workspace's setupCommand in the
 * repository. A constant: paths and contents reach it only as environment variables, read with
 * {@code printenv} and always quoted, so no file's path or content is ever parsed as shell code.
 * The setupCommand is the one piece of text run by a shell, as its author (the Workspace's owner,
 * never an issue's) wrote it.
 *
 * <p>Files: {@code AXON_FILE_COUNT}, and for each {@code i}: {@code AXON_FILE_<i>_DIR} (the
 * directory it belongs in: the repository or HOME), {@code AXON_FILE_<i>_PATH} (relative to it),
 * {@code AXON_FILE_<i>_CONTENT}.
 */
public final class SetupScript {

  public static final String SCRIPT =
      """
      set -eu
      fail() { echo "axon: $*" >&2; exit 2; }
      i=0
      while [ "$i" -lt "${AXON_FILE_COUNT:-0}" ]; do
        dir=$(printenv "AXON_FILE_${i}_DIR") || fail "AXON_FILE_${i}_DIR is not set"
        path=$(printenv "AXON_FILE_${i}_PATH") || fail "AXON_FILE_${i}_PATH is not set"
        case "/$path/" in
          //*|*/../*|*/./*|*/.git/*) fail "file path $path is not a plain relative path" ;;
        esac
        base=$(realpath -- "$dir")
        target="$base/$path"
        parent=$(dirname -- "$target")
        # A symbolic link in the repository must not lead the file out of it.
        resolved=$(realpath -m -- "$parent")
        case "$resolved/" in
          "$base"/*) ;;
          *) fail "file path $path leads out of $dir (through a symbolic link)" ;;
        esac
        mkdir -p -- "$resolved"
        if [ -L "$target" ] || [ -d "$target" ]; then
          fail "file path $path is a symbolic link or a directory in the repository"
        fi
        # printenv ends the value with one newline of its own: drop exactly that byte.
        printenv "AXON_FILE_${i}_CONTENT" | head -c -1 > "$target"
        echo "axon: wrote $path"
        i=$((i + 1))
      done
      if [ -n "${AXON_SETUP_COMMAND:-}" ]; then
        cd -- "$AXON_WORKSPACE_DIR"
        echo "axon: running the Workspace's setupCommand"
        sh -c "$AXON_SETUP_COMMAND"
      fi
      """;

  private SetupScript() {}
}
