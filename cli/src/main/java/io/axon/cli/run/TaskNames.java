package io.axon.cli.run;

import java.util.Arrays;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Task names: DNS-safe, readable, unique enough. */
public final class TaskNames {
  /** What a Task name must be: it also names the Job and is a label value (RFC 1123 label). */
  public static final Pattern VALID = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");

  public static final int MAX_LENGTH = 63;

  /** Kubernetes' generateName alphabet: no vowels (no words), no look-alike characters. */
  private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private static final int WORDS = 3;
  private static final int MAX_STEM = 30;

  private TaskNames() {}

  /** The first words of the prompt plus a random suffix, e.g. {@code fix-the-bug-x7k2p}. */
  public static String fromPrompt(String prompt, RandomGenerator random) {
    String stem =
        Arrays.stream(prompt.toLowerCase(Locale.ROOT).split("[^a-z0-9]+"))
            .filter(word -> !word.isEmpty())
            .limit(WORDS)
            .collect(Collectors.joining("-"));
    if (stem.length() > MAX_STEM) {
      stem = stem.substring(0, MAX_STEM).replaceAll("-+$", "");
    }
    if (stem.isEmpty()) {
      stem = "task";
    }
    StringBuilder name = new StringBuilder(stem).append('-');
    for (int i = 0; i < 5; i++) {
      name.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
    }
    return name.toString();
  }

  /** Why a name is not valid, or null when it is. */
  public static String problem(String name) {
    if (name.length() > MAX_LENGTH) {
      return "task names have at most %d characters".formatted(MAX_LENGTH);
    }
    if (!VALID.matcher(name).matches()) {
      return "task names are lower-case letters, digits and '-', starting and ending with a"
          + " letter or digit";
    }
    return null;
  }
}
