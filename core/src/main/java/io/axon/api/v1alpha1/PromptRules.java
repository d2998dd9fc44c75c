package io.axon.api.v1alpha1;

/** CEL rules every prompt (a Task's, a TaskSpawner template's) meets on the API server. */
final class PromptRules {

  /** CEL's {@code matches} finds a match anywhere: one character that is not white space. */
  static final String NOT_BLANK = "self.matches('[^\\\\s]')";

  static final String NOT_BLANK_MESSAGE =
      "the prompt is only white space: say what the agent should do";

  /** A NUL cannot pass through argv, env or most files the agent reads. */
  static final String NO_NUL = "!self.contains('\\u0000')";

  static final String NO_NUL_MESSAGE = "the prompt contains a NUL character (\\u0000): remove it";

  /**
   * Also the bound the API server's CEL cost estimate needs before it accepts rules on a string.
   */
  static final int MAX_LENGTH = TaskSpec.PROMPT_MAX_BYTES;

  private PromptRules() {}
}
