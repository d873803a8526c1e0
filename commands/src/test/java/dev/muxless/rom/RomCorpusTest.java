package dev.muxless.rom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The real corpus in ../shared/roms against rom-parser's and nvbios's recorded outputs. */
class RomCorpusTest {

  @Test
  void everyFileParsesAndStripsAndDumpsWithoutAnException() throws Exception {
    for (String f : SharedRoms.files()) {
      byte[] d = SharedRoms.read(f);
      RomReport r = RomParser.parse(d, f);
      assertThat(r.problems())
          .as(f)
          .noneMatch(p -> p.message().startsWith("internal parser error"));
      assertThat(RomHexdump.render(d, r, 0, 4096)).as(f).isNotEmpty();
      RomParserFormat.render(d);
      if (r.romStart() >= 0) {
        StrippedRom s = RomStrip.strip(d, f);
        assertThat(RomParser.parse(s.bytes(), f).romStart()).as(f).isZero();
      }
    }
  }

  @Test
  void romParserFormatIsByteIdenticalToTheReferences() throws Exception {
    Path ref = SharedRoms.dir().resolve("reference/rom-parser");
    Map<String, Integer> exits = new HashMap<>();
    for (String line : Files.readAllLines(ref.resolve("INDEX.tsv"))) {
      String[] c = line.split("\t");
      if (c.length < 2 || !c[1].matches("\\d+")) {
        continue;
      }
      exits.put(c[0], Integer.parseInt(c[1]));
    }
    int compared = 0;
    for (String f : SharedRoms.files()) {
      String name = Path.of(f).getFileName().toString();
      Path expected = ref.resolve(name + ".txt");
      if (!Files.exists(expected)) {
        continue;
      }
      RomParserFormat.Output out = RomParserFormat.render(SharedRoms.read(f));
      assertThat(new String(out.bytes(), StandardCharsets.ISO_8859_1))
          .as(f)
          .isEqualTo(new String(Files.readAllBytes(expected), StandardCharsets.ISO_8859_1));
      assertThat(out.exitCode()).as(f).isEqualTo(exits.get(name));
      compared++;
    }
    assertThat(compared).isEqualTo(44);
  }

  @Test
  void nvidiaFilesAgreeWithTheManifest() throws Exception {
    Map<String, Map<String, String>> m = SharedRoms.manifest();
    int checked = 0;
    for (String f : SharedRoms.files()) {
      Map<String, String> row = m.get(f);
      assertThat(row).as("manifest row for " + f).isNotNull();
      RomReport r = RomParser.parse(SharedRoms.read(f), f);
      String start = row.get("rom_start");
      if (start.startsWith("0x")) {
        assertThat(r.romStart()).as(f).isEqualTo(Integer.parseInt(start.substring(2), 16));
      } else {
        assertThat(r.romStart()).as(f).isEqualTo(-1);
      }
      if (!f.startsWith("nvidia/")) {
        continue;
      }
      assertThat(r.images()).as(f).hasSize(Integer.parseInt(row.get("npde_walk_images")));
      List<String> types = new ArrayList<>();
      for (RomImage i : r.images()) {
        types.add(String.format("%02x", i.codeType()));
      }
      assertThat(String.join(",", types)).as(f).isEqualTo(row.get("walk_types"));
      assertThat(r.nvidia().version()).as(f).isEqualTo(row.get("bit_version"));
      long appended = r.regions().stream().filter(g -> g.kind().equals("appended")).count();
      int extra = Integer.parseInt(row.get("extra_images_after_chain"));
      assertThat(appended > 0).as(f).isEqualTo(extra > 0);
      assertThat(r.hasErrors()).as(f + " " + r.problems()).isFalse();
      checked++;
    }
    assertThat(checked).isEqualTo(11);
  }

  @Test
  void nvidiaFilesAgreeWithNvbios() throws Exception {
    Pattern version = Pattern.compile("INFO: BIOS version 0x([0-9a-f.]+) ");
    Pattern bit = Pattern.compile("BIT table at 0x([0-9a-f]+) version");
    Path ref = SharedRoms.dir().resolve("reference/nvbios");
    int checked = 0;
    for (String f : SharedRoms.files()) {
      Path txt = ref.resolve(Path.of(f).getFileName() + ".txt");
      if (!f.startsWith("nvidia/") || !Files.exists(txt)) {
        continue;
      }
      String nvbios = Files.readString(txt, StandardCharsets.ISO_8859_1);
      RomReport r = RomParser.parse(SharedRoms.read(f), f);
      Matcher v = version.matcher(nvbios);
      assertThat(v.find()).as(f).isTrue();
      assertThat(r.nvidia().version()).as(f).isEqualTo(v.group(1));
      boolean mobile = nvbios.contains("INFO: features MOBILE");
      assertThat(r.nvidia().mobile()).as(f).isEqualTo(mobile);
      Matcher b = bit.matcher(nvbios);
      assertThat(b.find()).as(f).isTrue();
      // nvbios was given the file with any prefix stripped: its offsets are ROM-relative
      assertThat(r.nvidia().bit().offset() - r.romStart())
          .as(f)
          .isEqualTo(Long.parseLong(b.group(1), 16));
      checked++;
    }
    assertThat(checked).isEqualTo(11);
  }

  @Test
  void whatTheCorpusShowsAboutSpecificFiles() throws Exception {
    RomReport gtx = RomParser.parse(SharedRoms.read("nvidia/gtx980m-r1-eg__aviedv.rom"), "gtx980m");
    assertThat(gtx.regions())
        .filteredOn(g -> g.kind().equals("appended"))
        .extracting(RomRegion::offset)
        .containsExactly(0x1b200L);
    RomReport razer =
        RomParser.parse(
            SharedRoms.read("nvidia/razer-rtx3080-mobile-8192-210603__bl4dee.rom"), "r");
    assertThat(razer.prefix().version()).isEqualTo(3);
    assertThat(razer.images().get(1).vendorId()).isEqualTo("0000");
    RomReport kvm = RomParser.parse(SharedRoms.read("debian/qemu-system-data__kvmvapic.bin"), "k");
    assertThat(kvm.problems())
        .extracting(RomProblem::message)
        .anyMatch(s -> s.contains("PCIR pointer 0x8dcb points outside the file"));
  }
}
