package dev.muxless.vfio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.muxless.core.ExitStatus;
import dev.muxless.core.MuxlessException;
import dev.muxless.host.HostRoot;
import dev.muxless.host.Hosts;
import dev.muxless.host.PciAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VfioPersistTest {
  @TempDir Path tmp;

  static PersistFile file(PersistPlan p, String path) {
    return p.files().stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow();
  }

  @Test
  void moduleKernelGetsModprobeOptionsSoftdepsAndInitramfs() {
    HostRoot h = Hosts.fixture("mxm-laptop", tmp);
    PersistPlan p = VfioPersist.plan(h, List.of(PciAddress.parse("01:00.0")));
    assertThat(p.ids()).containsExactly("10de:1ba1", "10de:10f0");
    assertThat(p.vfioBuiltin()).isFalse();
    assertThat(file(p, "/etc/modprobe.d/vfio.conf").content())
        .contains(
            "options vfio-pci ids=10de:1ba1,10de:10f0\n",
            "softdep nvidia pre: vfio-pci\n",
            "softdep nouveau pre: vfio-pci\n",
            "softdep snd_hda_intel pre: vfio-pci\n");
    assertThat(file(p, "/etc/initramfs-tools/modules").content())
        .endsWith("initramfs.\nvfio\nvfio_iommu_type1\nvfio_pci\n");
    assertThat(p.commands()).containsExactly("update-initramfs -u");
    assertThat(p.kernelParameters()).isEmpty();
    assertThat(p.bootloader()).isEqualTo("grub");
  }

  @Test
  void builtinKernelGetsTheIdsOnTheGrubCommandLine() {
    HostRoot h = Hosts.fixture("vfio-builtin", tmp);
    PersistPlan p = VfioPersist.plan(h, List.of(PciAddress.parse("01:00.0")));
    assertThat(p.vfioBuiltin()).isTrue();
    assertThat(p.kernelParameters()).containsExactly("iommu=pt", "vfio-pci.ids=10de:1cbb");
    assertThat(p.files()).extracting(PersistFile::path).containsExactly("/etc/default/grub");
    assertThat(file(p, "/etc/default/grub").content())
        .contains("GRUB_CMDLINE_LINUX_DEFAULT=\"quiet iommu=pt vfio-pci.ids=10de:1cbb\"\n")
        .contains("GRUB_TIMEOUT=5");
    assertThat(p.notes()).anyMatch(n -> n.contains("built into this kernel"));
    assertThat(p.commands()).containsExactly("update-grub");
  }

  @Test
  void writeKeepsABackupAndLeavesTheRestAlone() {
    HostRoot h = Hosts.fixture("vfio-builtin", tmp);
    String old = h.read("/etc/default/grub").orElseThrow();
    PersistPlan p = VfioPersist.plan(h, List.of(PciAddress.parse("01:00.0")));
    List<VfioPersist.Written> w = VfioPersist.write(h, p, "20260101T000000");
    assertThat(w)
        .containsExactly(
            new VfioPersist.Written(
                "/etc/default/grub", "/etc/default/grub.muxless-backup-20260101T000000"));
    assertThat(h.read("/etc/default/grub.muxless-backup-20260101T000000")).contains(old);
    assertThat(h.read("/etc/default/grub").orElseThrow()).contains("vfio-pci.ids=10de:1cbb");
    // a second plan finds nothing left to change in the file: the running cmdline is unchanged,
    // so the parameters are still listed, but written content equals the file now
    PersistPlan again = VfioPersist.plan(h, List.of(PciAddress.parse("01:00.0")));
    assertThat(again.kernelParameters()).contains("vfio-pci.ids=10de:1cbb");
  }

  @Test
  void dracutAndSystemdBootAreDetectedAndBootEntriesNeverEdited() throws Exception {
    HostRoot h = Hosts.fixture("no-iommu", tmp);
    java.nio.file.Files.createDirectories(h.path("/etc/dracut.conf.d"));
    Hosts.put(h, "/boot/loader/entries/fedora-6.5.conf", "title Fedora\noptions root=UUID=x ro\n");
    PersistPlan p = VfioPersist.plan(h, List.of(PciAddress.parse("01:00.0")));
    assertThat(p.files())
        .extracting(PersistFile::path)
        .containsExactly("/etc/modprobe.d/vfio.conf", "/etc/dracut.conf.d/10-muxless-vfio.conf");
    assertThat(file(p, "/etc/dracut.conf.d/10-muxless-vfio.conf").content())
        .contains("force_drivers+=\" vfio vfio_iommu_type1 vfio_pci \"");
    assertThat(p.commands()).containsExactly("dracut -f --regenerate-all");
    assertThat(p.bootloader()).isEqualTo("systemd-boot");
    assertThat(p.kernelParameters()).containsExactly("intel_iommu=on", "iommu=pt");
    assertThat(p.notes())
        .anyMatch(
            n ->
                n.contains("append 'intel_iommu=on iommu=pt'")
                    && n.contains("/boot/loader/entries/fedora-6.5.conf")
                    && n.contains("does not edit"));
    VfioPersist.write(h, p, "t");
    assertThat(h.read("/boot/loader/entries/fedora-6.5.conf").orElseThrow())
        .isEqualTo("title Fedora\noptions root=UUID=x ro");
    assertThat(h.read("/etc/modprobe.d/vfio.conf").orElseThrow())
        .contains("options vfio-pci ids=10de:1c8d", "softdep nvidia pre: vfio-pci");
  }

  @Test
  void planThenWriteTwiceChangesTheFilesOnlyOnce() throws Exception {
    for (String fixture : List.of("vfio-builtin", "mxm-laptop")) {
      HostRoot h = Hosts.fixture(fixture, Files.createDirectories(tmp.resolve(fixture)));
      List<PciAddress> gpu = List.of(PciAddress.parse("01:00.0"));
      PersistPlan first = VfioPersist.plan(h, gpu);
      VfioPersist.write(h, first, "1");
      Map<String, String> after = Hosts.snapshot(h);
      PersistPlan second = VfioPersist.plan(h, gpu);
      assertThat(second.files()).allMatch(PersistFile::unchanged, "unchanged");
      assertThat(second.files())
          .extracting(PersistFile::path)
          .containsExactlyElementsOf(first.files().stream().map(PersistFile::path).toList());
      assertThat(second.kernelParameters()).isEqualTo(first.kernelParameters());
      assertThat(VfioPersist.write(h, second, "2")).isEmpty();
      assertThat(Hosts.diff(after, Hosts.snapshot(h))).isEmpty();
    }
  }

  @Test
  void aParameterAlreadyInTheFileIsNotAddedAndVfioIdsAreReplaced() {
    HostRoot h = Hosts.fixture("vfio-builtin", tmp);
    Hosts.put(
        h,
        "/etc/default/grub",
        "GRUB_DEFAULT=0\nGRUB_CMDLINE_LINUX_DEFAULT=\"quiet vfio-pci.ids=10de:ffff splash\"\n"
            + "GRUB_CMDLINE_LINUX=\"iommu=pt\"\n");
    PersistPlan p = VfioPersist.plan(h, List.of(PciAddress.parse("01:00.0")));
    assertThat(p.kernelParameters()).containsExactly("iommu=pt", "vfio-pci.ids=10de:1cbb");
    assertThat(file(p, "/etc/default/grub").content())
        .isEqualTo(
            "GRUB_DEFAULT=0\nGRUB_CMDLINE_LINUX_DEFAULT=\"quiet vfio-pci.ids=10de:1cbb splash\"\n"
                + "GRUB_CMDLINE_LINUX=\"iommu=pt\"\n");
    assertThat(file(p, "/etc/default/grub").why())
        .isEqualTo("GRUB_CMDLINE_LINUX_DEFAULT gains vfio-pci.ids=10de:1cbb");
  }

  @Test
  void kernelInstallCmdlineKeepsItsTrailingWhitespaceAndIsEditedOnce() throws Exception {
    HostRoot h = Hosts.fixture("vfio-builtin", tmp);
    Files.delete(h.path("/etc/default/grub"));
    Hosts.put(h, "/etc/kernel/cmdline", "root=UUID=x ro iommu=pt vfio-pci.ids=10de:0001\n\n");
    PersistPlan p = VfioPersist.plan(h, List.of(PciAddress.parse("01:00.0")));
    assertThat(p.bootloader()).isEqualTo("kernel-install (/etc/kernel/cmdline)");
    assertThat(file(p, "/etc/kernel/cmdline").content())
        .isEqualTo("root=UUID=x ro iommu=pt vfio-pci.ids=10de:1cbb\n\n");
    VfioPersist.write(h, p, "1");
    assertThat(VfioPersist.plan(h, List.of(PciAddress.parse("01:00.0"))).files())
        .allMatch(PersistFile::unchanged, "unchanged");
  }

  @Test
  void anUnreadableFileIsAnEnvironmentErrorNotAnEmptyFile() throws Exception {
    HostRoot h = Hosts.fixture("vfio-builtin", tmp);
    Files.write(h.path("/etc/default/grub"), new byte[] {'G', (byte) 0xff, (byte) 0xfe, '\n'});
    assertThatThrownBy(() -> VfioPersist.plan(h, List.of(PciAddress.parse("01:00.0"))))
        .isInstanceOf(MuxlessException.class)
        .hasMessageStartingWith("cannot read /etc/default/grub: ")
        .satisfies(
            e -> assertThat(((MuxlessException) e).status()).isEqualTo(ExitStatus.ENVIRONMENT));
  }
}
