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
import java.util.ArrayList;
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
    return StateDir.path()
        .resolve("journal")
        .resolve("vfio-" + StateDir.hash(host.label()) + ".json");
  }

  /**
   * The journal at file, or an empty one when there is none or the file is empty (a write cut off
   * by power loss before any content: journals are written atomically, so nothing was recorded). A
   * file that is not a journal is an environment error naming it and how to recover.
   */
  public static Journal load(Path file, HostRoot host) {
    if (!Files.isRegularFile(file)) {
      return new Journal(host.label(), List.of());
    }
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw MuxlessException.environment(
          "cannot read the vfio journal " + file + ": " + e.getMessage(),
          "check the permissions of the state directory " + file.getParent());
    }
    if (text.isBlank()) {
      return new Journal(host.label(), List.of());
    }
    try {
      return Json.mapper().readValue(text, Journal.class);
    } catch (IOException e) {
      throw MuxlessException.environment(
          "the vfio journal "
              + file
              + " is damaged: "
              + String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
          "check with 'host gpus' or 'vfio groups' that the devices it names are back on their"
              + " drivers (rebind them by hand if not), then move "
              + file
              + " away");
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
}
