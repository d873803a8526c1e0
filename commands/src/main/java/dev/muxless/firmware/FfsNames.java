package dev.muxless.firmware;

/** File and section type names, spelled as UEFITool/UEFIExtract print them (PI spec vol. 3). */
final class FfsNames {
  private FfsNames() {}

  /** EFI_FV_FILETYPE_* (PI vol. 3, 2.1.4.1). */
  static String fileType(int t) {
    return switch (t) {
      case 0x01 -> "Raw";
      case 0x02 -> "Freeform";
      case 0x03 -> "SEC core";
      case 0x04 -> "PEI core";
      case 0x05 -> "DXE core";
      case 0x06 -> "PEI module";
      case 0x07 -> "DXE driver";
      case 0x08 -> "Combined PEI/DXE";
      case 0x09 -> "Application";
      case 0x0A -> "SMM module";
      case 0x0B -> "Volume image";
      case 0x0C -> "Combined SMM/DXE";
      case 0x0D -> "SMM core";
      case 0x0E -> "MM standalone module";
      case 0x0F -> "MM standalone core";
      case 0xF0 -> "Pad";
      default -> String.format("%02Xh", t);
    };
  }

  /** EFI_SECTION_* (PI vol. 3, 2.1.5.1). */
  static String sectionType(int t) {
    return switch (t) {
      case 0x01 -> "Compressed";
      case 0x02 -> "GUID defined";
      case 0x03 -> "Disposable";
      case 0x10 -> "PE32 image";
      case 0x11 -> "PIC image";
      case 0x12 -> "TE image";
      case 0x13 -> "DXE dependency";
      case 0x14 -> "Version";
      case 0x15 -> "UI";
      case 0x16 -> "16-bit image";
      case 0x17 -> "Volume image";
      case 0x18 -> "Freeform subtype GUID";
      case 0x19 -> "Raw";
      case 0x1B -> "PEI dependency";
      case 0x1C -> "MM dependency";
      default -> String.format("%02Xh", t);
    };
  }

  /** Section types that hold only metadata, never a ROM. */
  static boolean metadata(int t) {
    return t == 0x13 || t == 0x14 || t == 0x15 || t == 0x1B || t == 0x1C;
  }
}
