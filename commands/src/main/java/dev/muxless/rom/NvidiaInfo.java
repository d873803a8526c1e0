package dev.muxless.rom;

/**
 * What an NVIDIA VBIOS says about itself through its BIT table.
 *
 * @param version "86.07.3c.00.1f": BIOSDATA ('B') version bytes 3..0 and the OEM byte, lowercase
 *     (kernel_gsp_fwsec.c); from token 'i' when there is no 'B' (nouveau base.c)
 * @param mobile the MOBILE feature bit (token 'i' +5 bit 4, envytools info.c)
 * @param signOn the sign-on string from token 'S', trimmed
 * @param versionString the "Version ..." string from token 'S', trimmed
 * @param infoVersion the same five bytes read from token 'i', or null
 * @param bit the table itself
 */
public record NvidiaInfo(
    String version,
    boolean mobile,
    String signOn,
    String versionString,
    String infoVersion,
    BitTable bit) {
  /** The contract's two fields. */
  public NvidiaInfo(String version, boolean mobile) {
    this(version, mobile, null, null, null, null);
  }
}
