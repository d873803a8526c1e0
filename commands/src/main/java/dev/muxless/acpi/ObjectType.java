package dev.muxless.acpi;

/**
 * ACPI object types as the External term encodes them (ACPI 6.4, 19.6.45 External; 19.6.82
 * ObjectType) and their ASL keywords.
 */
final class ObjectType {
  private ObjectType() {}

  /** The ASL keyword for an object type, or null for one muxless does not name. */
  static String aslName(int type) {
    return switch (type) {
      case 1 -> "IntObj";
      case 2 -> "StrObj";
      case 3 -> "BuffObj";
      case 4 -> "PkgObj";
      case 6 -> "DeviceObj";
      case 8 -> "MethodObj";
      case 0x0A -> "OpRegionObj";
      default -> null;
    };
  }
}
