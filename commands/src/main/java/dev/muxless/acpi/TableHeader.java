package dev.muxless.acpi;

/**
 * The 36-byte header of an ACPI table (ACPI 6.5 section 5.2.6) as read from a file, with the
 * verdicts a reader needs: whether the declared length matches the data and whether the checksum
 * sums to zero.
 */
public record TableHeader(
    String file,
    String signature,
    long length,
    int revision,
    int checksum,
    String oemId,
    String oemTableId,
    long oemRevision,
    String creatorId,
    long creatorRevision,
    long actualLength,
    boolean checksumValid,
    int expectedChecksum) {

  /** True when the header's length equals the number of bytes present. */
  public boolean lengthMatches() {
    return length == actualLength;
  }

  /** A definition block (DSDT or SSDT) whose body is AML. */
  public boolean isAml() {
    return "DSDT".equals(signature) || "SSDT".equals(signature);
  }
}
