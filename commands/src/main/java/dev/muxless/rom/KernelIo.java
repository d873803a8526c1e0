package dev.muxless.rom;

import dev.muxless.host.HostRoot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The two kernel interfaces a VBIOS dump needs that a plain file cannot stand for: a sysfs
 * attribute whose writes switch something on (the PCI {@code rom} attribute: "1" enables the ROM
 * BAR, "0\n" disables it, pci-sysfs.c pci_write_rom) and the {@code acpi_call} module's
 * write-then-read {@code /proc/acpi/call}. {@link #of(HostRoot)} is the real thing; tests supply a
 * model of the kernel side (documented in docs/rom.md).
 */
public interface KernelIo {
  /** Writes value at offset 0 of a sysfs attribute, without truncating (as {@code echo} does). */
  void writeAttribute(String hostPath, String value) throws IOException;

  /** Writes one acpi_call request and reads its result. */
  String acpiCall(String request) throws IOException;

  String ACPI_CALL = "/proc/acpi/call";

  static KernelIo of(HostRoot host) {
    return new KernelIo() {
      @Override
      public void writeAttribute(String hostPath, String value) throws IOException {
        if (!host.isReal()) {
          // In a fixture tree (the demo host, a captured machine) the attribute is a plain file
          // holding the ROM: writing "1" at offset 0 would overwrite its 55 AA. Enabling the BAR
          // only matters to a real kernel, so a fixture models the read side alone.
          return;
        }
        writeAtZero(host.path(hostPath), value);
      }

      @Override
      public String acpiCall(String request) throws IOException {
        Path call = host.path(ACPI_CALL);
        try (FileChannel ch = FileChannel.open(call, StandardOpenOption.WRITE)) {
          ch.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
        }
        return new String(Files.readAllBytes(call), StandardCharsets.US_ASCII);
      }
    };
  }

  /** Writes value at offset 0 without truncating, as {@code echo 1 > attribute} does. */
  static void writeAtZero(Path file, String value) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(value.getBytes(StandardCharsets.US_ASCII)), 0);
    }
  }
}
