package io.userevents.bench;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress lines on standard output. */
public final class Progress {

  private Progress() {}

  public static void say(String format, Object... args) {
    System.out.println(
        LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + String.format(format, args));
  }
}
