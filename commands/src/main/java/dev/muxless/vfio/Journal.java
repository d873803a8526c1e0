package dev.muxless.vfio;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.muxless.core.AtomicFiles;
import dev.muxless.core.Json;
import dev.muxless.core.MuxlessException;
import dev.muxless.host.HostRoot;
import dev.muxless.host.StateDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The original binding of every device muxless moved, written atomically before the first change so
 * {@code vfio restore} can put the host back even after a crash or reboot midway. A device keeps
 * its first recorded state until it is restored. One journal per host root, under {@code
 * STATE/journal/}.
 */
@JsonPropertyOrder({"host", "devices"})
public record Journal(String host, List<DeviceState> devices) {
  public Journal {
    devices = List.copyOf(devices);
  }

  /** The journal file of a host root. */
  public static Path fileFor(HostRoot host) {
    return StateDir.path().resolve("journal").resolve("vfio-" + hash(host.label()) + ".json");
  }

  /** The journal at file, or an empty one when there is none. */
  public static Journal load(Path file, HostRoot host) {
    if (!Files.isRegularFile(file)) {
      return new Journal(host.label(), List.of());
    }
    try {
      return Json.mapper().readValue(Files.readString(file), Journal.class);
    } catch (IOException e) {
      throw MuxlessException.badInput(
          file + ": not a muxless journal: " + e.getMessage().lines().findFirst().orElse(""),
          "inspect it; move it away only if the devices it names are back on their drivers");
    }
  }

  /** Writes the journal atomically, or deletes the file when no device is left in it. */
  public void save(Path file) {
    if (devices.isEmpty()) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw MuxlessException.environment(
            "cannot delete " + file + ": " + e.getMessage(), "check the state directory");
      }
      return;
    }
    AtomicFiles.write(file, Json.write(this).getBytes(StandardCharsets.UTF_8));
  }

  public boolean has(String address) {
    return devices.stream().anyMatch(d -> d.address().equals(address));
  }

  /** This journal plus the states of devices it doesn't hold yet (earlier records win). */
  public Journal with(List<DeviceState> states) {
    List<DeviceState> out = new ArrayList<>(devices);
    for (DeviceState s : states) {
      if (!has(s.address())) {
        out.add(s);
      }
    }
    return new Journal(host, out);
  }

  /** This journal without the given addresses. */
  public Journal without(List<String> addresses) {
    return new Journal(
        host, devices.stream().filter(d -> !addresses.contains(d.address())).toList());
  }

  private static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
