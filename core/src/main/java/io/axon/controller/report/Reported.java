package io.axon.controller.report;

import io.axon.api.v1alpha1.Task;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What was last written for a Task: its comment's and Check Run's ids, and a digest of the text
 * each had, so a report is written again only when its text would change. Kept in the Task's
 * annotations, which survive a controller restart.
 */
record Reported(
    Long commentId,
    String commentDigest,
    Long checkRunId,
    String checkRunDigest,
    String commentPhase) {
  static final String COMMENT_ID = "axon.io/report-comment-id";
  static final String COMMENT_DIGEST = "axon.io/report-comment-digest";
  static final String CHECK_RUN_ID = "axon.io/report-check-run-id";
  static final String CHECK_RUN_DIGEST = "axon.io/report-check-run-digest";
  static final String COMMENT_PHASE = "axon.io/report-comment-phase";

  static final Reported NOTHING = new Reported(null, null, null, null, null);

  static Reported of(Task task) {
    Map<String, String> annotations = task.getMetadata().getAnnotations();
    if (annotations == null) {
      return NOTHING;
    }
    return new Reported(
        number(annotations.get(COMMENT_ID)),
        annotations.get(COMMENT_DIGEST),
        number(annotations.get(CHECK_RUN_ID)),
        annotations.get(CHECK_RUN_DIGEST),
        annotations.get(COMMENT_PHASE));
  }

  Reported withComment(long id, String digest) {
    return new Reported(id, digest, checkRunId, checkRunDigest, commentPhase);
  }

  /** The comment of this phase (one comment per phase): the last one written. */
  Reported withComment(long id, String digest, String phase) {
    return new Reported(id, digest, checkRunId, checkRunDigest, phase);
  }

  Reported withCheckRun(long id, String digest) {
    return new Reported(commentId, commentDigest, id, digest, commentPhase);
  }

  /** The annotations that differ from what the Task carries, as a merge patch's map. */
  Map<String, String> annotationsChangedFrom(Reported onTask) {
    Map<String, String> changed = new LinkedHashMap<>();
    put(changed, COMMENT_ID, commentId, onTask.commentId);
    put(changed, COMMENT_DIGEST, commentDigest, onTask.commentDigest);
    put(changed, CHECK_RUN_ID, checkRunId, onTask.checkRunId);
    put(changed, CHECK_RUN_DIGEST, checkRunDigest, onTask.checkRunDigest);
    put(changed, COMMENT_PHASE, commentPhase, onTask.commentPhase);
    return changed;
  }

  static String digest(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void put(Map<String, String> changed, String key, Object mine, Object theirs) {
    if (mine != null && !Objects.equals(mine, theirs)) {
      changed.put(key, String.valueOf(mine));
    }
  }

  private static Long number(String text) {
    try {
      return text == null ? null : Long.valueOf(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
