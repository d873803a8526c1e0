package dev.muxless.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muxless.rom.NvidiaInfo;
import dev.muxless.rom.RomReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class RomTextTest {

  @Test
  void nvidiaInfoWithoutABitTableIsPrinted() {
    RomReport r =
        new RomReport(
            "x.rom", 512, 0, List.of(), new NvidiaInfo("86.07.3c.00.1f", true), List.of());
    assertThat(RomText.format(r)).contains("NVIDIA VBIOS", "86.07.3c.00.1f", "MOBILE", "no BIT");
  }
}
