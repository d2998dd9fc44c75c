package io.axon.cli.output;

import java.time.Duration;

/** Durations as kubectl prints them in AGE columns: 45s, 5m30s, 95m, 7h12m, 3d4h, 120d, 2y. */
public final class HumanDuration {
  private HumanDuration() {}

  public static String format(Duration duration) {
    long seconds = Math.max(0, duration.getSeconds());
    if (seconds < 120) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      long s = seconds % 60;
      return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
    }
    if (minutes < 3 * 60) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 8) {
      long m = minutes % 60;
      return m == 0 ? hours + "h" : hours + "h" + m + "m";
    }
    if (hours < 48) {
      return hours + "h";
    }
    if (hours < 8 * 24) {
      long h = hours % 24;
      return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
    }
    if (hours < 2 * 365 * 24) {
      return hours / 24 + "d";
    }
    if (hours < 8 * 365 * 24) {
      long years = hours / 24 / 365;
      long days = hours / 24 - years * 365;
      return days == 0 ? years + "y" : years + "y" + days + "d";
    }
    return hours / 24 / 365 + "y";
  }
}
