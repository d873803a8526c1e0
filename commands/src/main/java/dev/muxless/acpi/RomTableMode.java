package dev.muxless.acpi;

/** How the {@code _ROM} tables carry the VBIOS. */
public enum RomTableMode {
  /** The ROM bytes inside the tables, split across SSDTs of at most 65535 bytes each. */
  EMBEDDED,
  /** One small SSDT that reads the ROM from a QEMU fw_cfg file on first use. */
  FW_CFG;

  /** Parses the command-line spelling {@code embedded} or {@code fw-cfg}. */
  public static RomTableMode parse(String s) {
    return switch (s.toLowerCase(java.util.Locale.ROOT)) {
      case "embedded" -> EMBEDDED;
      case "fw-cfg", "fwcfg", "fw_cfg" -> FW_CFG;
      default ->
          throw dev.muxless.core.MuxlessException.badInput(
              "--mode " + s + ": unknown mode", "use --mode embedded or --mode fw-cfg");
    };
  }

  public String spelling() {
    return this == EMBEDDED ? "embedded" : "fw-cfg";
  }
}
