package dev.muxless.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.muxless.core.ExitStatus;
import dev.muxless.core.MuxlessException;
import org.junit.jupiter.api.Test;

class PciAddressTest {
  @Test
  void shortAndLongFormsParseToTheSameAddress() {
    assertThat(PciAddress.parse("01:00.0")).isEqualTo(PciAddress.parse("0000:01:00.0"));
    assertThat(PciAddress.parse("0000:0A:1f.7").toString()).isEqualTo("0000:0a:1f.7");
    assertThat(PciAddress.parse("01:00.0").withFunction(1).toString()).isEqualTo("0000:01:00.1");
  }

  @Test
  void badAddressesAreBadInputWithAHint() {
    for (String bad : new String[] {"", "1:0.0", "01:00.8", "01:20.0", "0000:01:00", "zz:00.0"}) {
      assertThatThrownBy(() -> PciAddress.parse(bad))
          .isInstanceOfSatisfying(
              MuxlessException.class,
              e -> {
                assertThat(e.status()).isEqualTo(ExitStatus.BAD_INPUT);
                assertThat(e.hint()).contains("01:00.0");
              });
    }
  }
}
