package dev.muxless.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes output files atomically: the bytes go to a temporary file in the same directory, which is
 * then renamed over the target, so a reader never sees half a file and a failure leaves the old
 * file (or none) in place.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  public static void write(Path target, byte[] bytes) {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
      // the new file takes the old one's permissions (createTempFile makes it 0600, which would
      // turn /etc/default/grub or a shared report private); a new file gets 0644
      Files.setPosixFilePermissions(tmp, permissionsFor(target));
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        // on disk before the rename, so a power cut leaves the old file or the new one, never an
        // empty one (a vfio journal must survive the hard reset a hung unbind may need)
        ch.force(true);
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
      syncDirectory(dir);
    } catch (AccessDeniedException e) {
      throw MuxlessException.environment(
          "cannot write " + target + ": permission denied",
          "choose a directory you can write, or run as a user who may");
    } catch (IOException e) {
      throw MuxlessException.environment(
          "cannot write " + target + ": " + e.getMessage(), "check the path and free space");
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: the temporary file is hidden and named after the target
        }
      }
    }
  }

  private static Set<PosixFilePermission> permissionsFor(Path target) throws IOException {
    if (Files.exists(target)) {
      try {
        return Files.getPosixFilePermissions(target);
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: fall through to the default
      }
    }
    return PosixFilePermissions.fromString("rw-r--r--");
  }

  /** Makes the rename itself durable; some file systems refuse to open a directory: fine. */
  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // best effort
    }
  }

  public static void writeString(Path target, String text) {
    write(target, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** True when a and b name the same existing file (used to refuse overwriting an input). */
  public static boolean sameFile(Path a, Path b) {
    try {
      return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
  }
}
