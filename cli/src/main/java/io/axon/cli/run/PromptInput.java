package io.axon.cli.run;

import io.axon.api.v1alpha1.TaskSpec;
import io.axon.cli.ExitCodes;
import io.axon.cli.UserException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The prompt of {@code axon run}: as given, from standard input ({@code -p -}), or from a file. */
public final class PromptInput {
  /** What {@code -p} takes to mean standard input. */
  public static final String STDIN = "-";

  private PromptInput() {}

  /**
   * The prompt, byte-exact.
   *
   * @param text the {@code -p} value, or null
   * @param file the {@code --prompt-file} value, or null
   * @throws UserException (exit 2) when the file or the input cannot be read or is not UTF-8
   */
  public static String read(String text, Path file, InputStream stdin) {
    if (file != null) {
      try {
        return utf8(Files.readAllBytes(file), "--prompt-file " + file);
      } catch (NoSuchFileException e) {
        throw new UserException("--prompt-file " + file + ": no such file", ExitCodes.SETUP);
      } catch (IOException e) {
        throw new UserException(
            "--prompt-file " + file + ": cannot be read: " + e.getMessage(), ExitCodes.SETUP);
      }
    }
    if (STDIN.equals(text)) {
      try {
        return utf8(stdin.readAllBytes(), "-p - (standard input)");
      } catch (IOException e) {
        throw new UserException(
            "-p -: cannot read standard input: " + e.getMessage(), ExitCodes.SETUP);
      }
    }
    return text;
  }

  /**
   * Refuses, before anything is created, a prompt longer than a Task may hold.
   *
   * @throws UserException (exit 2) naming the limit
   */
  public static void requireFitsATask(String prompt) {
    int bytes = prompt.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > TaskSpec.PROMPT_MAX_BYTES) {
      throw new UserException(
          "the prompt is %d bytes; a Task's prompt may hold at most %d (192 KiB of UTF-8)"
              .formatted(bytes, TaskSpec.PROMPT_MAX_BYTES),
          ExitCodes.SETUP);
    }
  }

  private static String utf8(byte[] bytes, String where) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new UserException(where + ": the prompt is not UTF-8 text", ExitCodes.SETUP);
    }
  }
}
