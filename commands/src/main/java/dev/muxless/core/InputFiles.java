package dev.muxless.core;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reading a user-named input file whole: one one-line bad-input error for each way it can fail
 * (missing, a directory, larger than the caller's cap, unreadable), naming the file.
 */
public final class InputFiles {
  private InputFiles() {}

  /**
   * The file's bytes. {@code what} names the kind of file expected, e.g. "ROM file" or "ACPI
   * table", for the messages; {@code maxBytes} is the largest file accepted.
   */
  public static byte[] read(Path file, long maxBytes, String what) {
    try {
      if (Files.isDirectory(file)) {
        throw MuxlessException.badInput(
            file + ": is a directory, not " + article(what) + " " + what,
            "give the " + what + " itself");
      }
      long size = Files.size(file);
      if (size > maxBytes) {
        throw MuxlessException.badInput(
            String.format(
                "%s: %d bytes is larger than any %s (at most %s)",
                file, size, what, human(maxBytes)),
            "check that this is the " + what + " you meant");
      }
      byte[] data = Files.readAllBytes(file);
      if (data.length > maxBytes) { // grew between the size check and the read
        throw MuxlessException.badInput(
            String.format(
                "%s: %d bytes is larger than any %s (at most %s)",
                file, data.length, what, human(maxBytes)),
            "check that this is the " + what + " you meant");
      }
      return data;
    } catch (NoSuchFileException e) {
      throw MuxlessException.badInput(
          file + ": no such file", "check the path (tab completes files)");
    } catch (AccessDeniedException e) {
      throw MuxlessException.badInput(
          file + ": permission denied",
          "make it readable (files under /sys need root), or copy it");
    } catch (IOException e) {
      throw MuxlessException.badInput(
          file + ": cannot read (" + e.getMessage() + ")", "check the path and its permissions");
    }
  }

  private static String article(String what) {
    return "AEIOUaeiou".indexOf(what.charAt(0)) >= 0 ? "an" : "a";
  }

  static String human(long bytes) {
    if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
      return (bytes >> 20) + " MiB";
    }
    if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
      return (bytes >> 10) + " KiB";
    }
    return bytes + " bytes";
  }
}
