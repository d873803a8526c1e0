package dev.muxless.rom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A model of the kernel side of a VBIOS dump, over a fixture tree: it records what is written to
 * sysfs attributes (pci_write_rom only switches the ROM BAR on or off; a plain file would be
 * overwritten) and answers acpi_call requests for {@code <path>._ROM off len} from the ROM the
 * fixture keeps under {@code model/acpi/}, formatted as acpi_call.c prints a buffer, cut to the 42
 * bytes the old module's 256-character result buffer holds.
 */
final class AcpiCallModel implements KernelIo {
  static final int RESULT_BYTES = 42;

  final List<String> writes = new ArrayList<>();
  final List<String> requests = new ArrayList<>();
  private final byte[] firmwareRom;
  private final String method;

  AcpiCallModel(Path hostDir, String acpiPath, String romModel) throws IOException {
    this.firmwareRom = Files.readAllBytes(hostDir.resolve(romModel));
    this.method = acpiPath + "._ROM";
  }

  @Override
  public void writeAttribute(String hostPath, String value) {
    writes.add(hostPath + "=" + value);
  }

  @Override
  public String acpiCall(String request) {
    requests.add(request);
    String[] w = request.trim().split("\\s+");
    if (w.length != 3 || !w[0].equals(method)) {
      return "Error: AE_NOT_FOUND\0";
    }
    int off = Integer.decode(w[1]);
    int len = Math.min(Integer.decode(w[2]), 4096);
    int show = Math.min(len, RESULT_BYTES);
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < show; i++) {
      int at = off + i;
      int v = at < firmwareRom.length ? firmwareRom[at] & 0xff : 0;
      b.append(i == 0 ? "" : ", ").append(String.format("0x%02x", v));
    }
    b.append(len > show ? ", " : "}");
    return b.append('\0').toString();
  }
}
