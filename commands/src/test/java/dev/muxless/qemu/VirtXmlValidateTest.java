package dev.muxless.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** libvirt's own schema (virt-xml-validate) accepts the generated domain XML. */
class VirtXmlValidateTest extends StateIsolation {
  @TempDir Path dir;

  private static String validate(Path xml) throws Exception {
    Process p =
        new ProcessBuilder("virt-xml-validate", xml.toString(), "domain")
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes());
    return p.exitValue() + ": " + out.strip();
  }

  @Test
  void demoDomainValidates() throws Exception {
    Tools.require("virt-xml-validate");
    VmProfile p = ProfileReader.read(DemoProfiles.write(dir));
    Path xml = dir.resolve("demo.xml");
    Files.writeString(xml, VmXml.build(p));
    assertThat(validate(xml)).startsWith("0: ").contains("validates");
  }

  @Test
  void aBrokenDomainIsRejectedSoTheCheckCanFail() throws Exception {
    Tools.require("virt-xml-validate");
    VmProfile p = ProfileReader.read(DemoProfiles.write(dir));
    Path xml = dir.resolve("broken.xml");
    Files.writeString(xml, VmXml.build(p).replace("hotplug='off'", "hotplug='maybe'"));
    assertThat(validate(xml)).doesNotStartWith("0: ");
  }

  @Test
  void hiddenKvmAndCpuFeaturesBecomeLibvirtElementsThatValidate() throws Exception {
    Tools.require("virt-xml-validate");
    VmProfile base = ProfileReader.read(DemoProfiles.write(dir));
    String text =
        ProfileReader.write(base)
            .replaceFirst(
                "\"cpu\" : \"[^\"]*\"", "\"cpu\" : \"host,kvm=off,hv_vendor_id=muxless,+vmx\"");
    if (!text.contains("kvm=off")) {
      text = text.replaceFirst("\\{", "{\n  \"cpu\" : \"host,kvm=off,hv_vendor_id=muxless,+vmx\",");
    }
    VmProfile p = ProfileReader.parse(text, "cpu.json");
    String domain = VmXml.build(p);
    assertThat(domain)
        .contains("<hidden state='on'/>")
        .contains("<vendor_id state='on' value='muxless'/>")
        .contains("<feature policy='require' name='vmx'/>")
        .contains("<cpu mode='host-passthrough'>")
        .doesNotContain("<model>host");
    Path xml = dir.resolve("cpu.xml");
    Files.writeString(xml, domain);
    assertThat(validate(xml)).startsWith("0: ").contains("validates");
  }
}
