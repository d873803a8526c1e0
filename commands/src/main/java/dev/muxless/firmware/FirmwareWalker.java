package dev.muxless.firmware;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Recognises what a buffer is (zip, capsule, flash descriptor image, a wrapper muxless does not
 * unpack, or raw firmware) and walks it; raw firmware is searched for volumes ("_FVH" at 0x28 of a
 * plausible header) and, as a whole, for option ROMs at 512-byte boundaries.
 */
final class FirmwareWalker {
  private final Walk walk;
  private final VolumeParser volumes;

  FirmwareWalker(Walk walk) {
    this.walk = walk;
    this.volumes = new VolumeParser(walk);
  }

  void any(byte[] d, Where w, boolean top) {
    try {
      walk.budget.depth(w.depth(), w.abs(0));
      if (Le.ascii(d, 0, "PK\u0003\u0004")) {
        walk.containers.add("zip archive" + (w.path().isEmpty() ? "" : " at " + w.label()));
        zip(d, w);
        return;
      }
      Capsule.Body cap = Capsule.at(d);
      if (cap != null) {
        walk.containers.add(cap.kind());
        walk.node(w, "Capsule", cap.kind(), cap.kind(), 0, d.length);
        if (cap.problem() != null) {
          walk.problem(w, 0x18, cap.problem());
        }
        byte[] body = java.util.Arrays.copyOfRange(d, cap.start(), cap.end());
        any(body, w.into(cap.kind()).rebased(cap.start()), top);
        return;
      }
      if (FlashDescriptor.present(d)) {
        walk.containers.add("Intel flash descriptor image");
        for (FlashDescriptor.Region r : FlashDescriptor.regions(d)) {
          walk.node(w, "Region", r.name(), r.name() + " region", r.base(), r.end() - r.base());
          if (r.problem() != null) {
            walk.problem(w, 0, r.problem());
          }
          if (r.index() == 0 || r.end() <= r.base()) {
            continue;
          }
          raw(d, (int) r.base(), (int) r.end(), w.into(r.name() + " region"), top);
        }
        return;
      }
      String wrapper = Wrappers.recognise(d);
      if (wrapper != null) {
        walk.containers.add(wrapper);
      }
      raw(d, 0, d.length, w, top);
    } catch (FirmwareFormatException e) {
      walk.problem(w, 0, e);
    }
  }

  /** Volumes anywhere in [from, to), then the whole range for ROMs. */
  private void raw(byte[] d, int from, int to, Where w, boolean top) {
    int i = from;
    while (i + 0x48 <= to) {
      int sig = indexOfFvh(d, i + VolumeParser.FVH_SIGNATURE_OFFSET, to);
      if (sig < 0) {
        break;
      }
      int fv = sig - VolumeParser.FVH_SIGNATURE_OFFSET;
      if (top) {
        walk.progress.at(fv, d.length);
      }
      if (VolumeParser.looksLikeVolume(d, fv)) {
        long len;
        try {
          len = volumes.volume(d, fv, w);
        } catch (FirmwareFormatException e) {
          walk.problem(w, fv, e);
          len = 0;
        }
        i = (int) Math.max(fv + 1, Math.min(to, fv + len));
      } else {
        i = fv + 1;
      }
      walk.budget.time(w.abs(i));
    }
    walk.scanForRoms(d, from, to - from, w, Walk.RAW_ALIGNMENT);
    if (top) {
      walk.progress.at(to, d.length);
    }
  }

  private static int indexOfFvh(byte[] d, int from, int to) {
    for (int i = from; i + 4 <= to; i++) {
      if (d[i] == '_' && d[i + 1] == 'F' && d[i + 2] == 'V' && d[i + 3] == 'H') {
        return i;
      }
    }
    return -1;
  }

  /** Each entry is walked like an input of its own; sizes are charged to the budget as read. */
  private void zip(byte[] d, Where w) {
    // Entry names without the UTF-8 flag are CP437 (APPNOTE 4.4.4); with the flag, a name that is
    // not valid UTF-8 makes getNextEntry throw IllegalArgumentException.
    try (ZipInputStream z =
        new ZipInputStream(new ByteArrayInputStream(d), Charset.forName("IBM437"))) {
      ZipEntry e;
      while ((e = z.getNextEntry()) != null) {
        walk.budget.time(-1);
        if (e.isDirectory()) {
          continue;
        }
        long room = walk.budget.remaining();
        byte[] entry = z.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, room + 1));
        walk.budget.charge(entry.length, -1);
        Where ew = new Where(w.path(), null, null, null, -1, w.level(), w.depth());
        walk.node(w, "Zip entry", "", e.getName(), -1, entry.length);
        any(entry, ew.into("zip entry " + e.getName()).decompressed(), false);
      }
    } catch (IOException | IllegalArgumentException e) {
      walk.problem(w, 0, "zip archive is corrupt: " + e.getMessage());
    }
  }
}
