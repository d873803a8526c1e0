package dev.muxless.firmware;

/**
 * EFI_FIRMWARE_VOLUME_HEADER and the FFS files in it (PI spec vol. 3, 3.2.1 and 2.1.4; EDK2
 * MdePkg/Include/Pi/PiFirmwareVolume.h, PiFirmwareFile.h).
 */
final class VolumeParser {
  static final int FVH_SIGNATURE_OFFSET = 0x28;
  private static final int ERASE_POLARITY = 0x800; // EFI_FVB2_ERASE_POLARITY
  private static final int FFS_ATTRIB_LARGE_FILE = 0x01;

  private final Walk walk;
  private final SectionParser sections;

  VolumeParser(Walk walk) {
    this.walk = walk;
    this.sections = new SectionParser(walk, this);
  }

  /** True when a plausible volume header starts at {@code off}. */
  static boolean looksLikeVolume(byte[] d, int off) {
    if (!Le.fits(d, off, 0x48) || !Le.ascii(d, off + FVH_SIGNATURE_OFFSET, "_FVH")) {
      return false;
    }
    long length = Le.u64(d, off + 0x20);
    int headerLength = Le.u16(d, off + 0x30);
    int revision = Le.u8(d, off + 0x37);
    return headerLength >= 0x48 && length >= headerLength && (revision == 1 || revision == 2);
  }

  /**
   * Walks the volume at {@code off}; returns its length as far as it lies inside the buffer. Caller
   * checked {@link #looksLikeVolume}.
   */
  long volume(byte[] d, int off, Where w) {
    long declared = Le.u64(d, off + 0x20);
    int headerLength = Le.u16(d, off + 0x30);
    int extOffset = Le.u16(d, off + 0x34);
    int attributes = (int) Le.u32(d, off + 0x2C);
    Guid fs = Guid.read(d, off + 0x10);
    long available = d.length - (long) off;
    long length = Math.min(declared, available);
    String name = fs.text();
    int filesAt = headerLength;
    if (extOffset != 0 && Le.fits(d, (long) off + extOffset, 20) && extOffset < length) {
      name = Guid.read(d, off + extOffset).text();
      long extSize = Le.u32(d, off + extOffset + 16);
      if (extSize >= 20 && extOffset + extSize <= length) {
        filesAt = (int) align(extOffset + extSize, 8);
      }
    }
    String subtype =
        fs.equals(Guids.FFS2) || fs.equals(Guids.FFS1)
            ? "FFSv2"
            : fs.equals(Guids.FFS3) ? "FFSv3" : fs.equals(Guids.NVRAM) ? "NVRAM" : "Unknown";
    walk.node(w, "Volume", subtype, name, off, declared);
    Where v = w.volume(name);
    if (Le.fits(d, off, headerLength) && headerSum(d, off, headerLength) != 0) {
      // PI spec vol. 3, 3.2.1 EFI_FIRMWARE_VOLUME_HEADER.Checksum: the 16-bit words of the
      // header sum to zero; firmware skips or reports a volume that fails it
      walk.problem(
          w,
          off,
          String.format(
              "volume %s: header checksum fails (16-bit sum 0x%04x, not 0): a damaged or edited"
                  + " image; walked anyway",
              name, headerSum(d, off, headerLength)));
    }
    if (declared > available) {
      walk.problem(
          w,
          off,
          String.format(
              "volume %s: FvLength 0x%x at offset 0x%x runs past the end (0x%x bytes left); "
                  + "walked what is there",
              name, declared, w.abs(off + 0x20L), available));
    }
    if (!subtype.startsWith("FFS")) {
      // NVRAM and vendor volumes have no FFS files; their raw bytes are still scanned for ROMs
      walk.scanForRoms(d, off, (int) length, v, Walk.LEAF_ALIGNMENT);
      return length;
    }
    walk.budget.depth(v.depth(), v.abs(off));
    files(d, off, (int) length, filesAt, (attributes & ERASE_POLARITY) != 0, v);
    return length;
  }

  private void files(byte[] d, int fv, int fvLength, int first, boolean erase1, Where v) {
    int empty = erase1 ? 0xFF : 0x00;
    long pos = first;
    while (pos + 0x18 <= fvLength) {
      int f = (int) (fv + pos);
      walk.budget.time(v.abs(f));
      if (Le.allBytes(d, f, 0x18, empty)) {
        return; // free space up to the end of the volume
      }
      int type = Le.u8(d, f + 0x12);
      int attrs = Le.u8(d, f + 0x13);
      long size = Le.u24(d, f + 0x14);
      int header = 0x18;
      if ((attrs & FFS_ATTRIB_LARGE_FILE) != 0 && size == 0 && pos + 0x20 <= fvLength) {
        size = Le.u64(d, f + 0x18);
        header = 0x20;
      }
      Guid name = Guid.read(d, f);
      if (size < header || size > fvLength - pos) {
        walk.problem(
            v,
            f,
            String.format(
                "file %s: size 0x%x %s; rest of the volume skipped",
                name,
                size,
                size < header ? "is smaller than its header" : "runs past the end of the volume"));
        return;
      }
      int body = f + header;
      int bodyLen = (int) size - header;
      String bad = FfsChecksum.verify(d, f, header, bodyLen, attrs);
      if (bad != null) {
        walk.problem(v, f, "file " + name + ": " + bad + "; walked anyway");
      }
      if (type == 0xF0) {
        walk.node(v, "File", "Pad", "Padding file", f, size);
      } else {
        walk.node(v, "File", FfsNames.fileType(type), name.text(), f, size);
        Where fw = v.file(name.text());
        if (type == 0x01) {
          raw(d, body, bodyLen, fw);
        } else {
          sections.sections(d, body, bodyLen, fw);
        }
      }
      pos = align(pos + size, 8);
    }
  }

  /** A raw file: may hold a whole volume (UEFITool parses it then) or anything else. */
  private void raw(byte[] d, int body, int len, Where fw) {
    if (looksLikeVolume(d, body) && Le.u64(d, body + 0x20) <= len) {
      volume(d, body, fw);
    }
    walk.scanForRoms(d, body, len, fw, Walk.LEAF_ALIGNMENT);
  }

  static int headerSum(byte[] d, int off, int len) {
    int sum = 0;
    for (int i = 0; i + 1 < len; i += 2) {
      sum += Le.u16(d, off + i);
    }
    return sum & 0xFFFF;
  }

  static long align(long v, int a) {
    return (v + a - 1) & -(long) a;
  }
}
