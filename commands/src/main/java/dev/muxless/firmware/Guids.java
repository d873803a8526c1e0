package dev.muxless.firmware;

/** GUIDs the walker acts on, with where each is defined. */
final class Guids {
  private Guids() {}

  // PI spec vol. 3, 3.2.2 (EFI_FIRMWARE_FILE_SYSTEM2_GUID / EFI_FIRMWARE_FILE_SYSTEM3_GUID)
  static final Guid FFS2 = Guid.of("8C8CE578-8A3D-4F1C-9935-896185C32DD3");
  static final Guid FFS3 = Guid.of("5473C07A-3DCB-4DCA-BD6F-1E9689E7349A");
  // EDK2 MdePkg/Include/Guid/FirmwareFileSystem... (legacy FFS v1, still accepted by UEFITool)
  static final Guid FFS1 = Guid.of("7A9354D9-0468-444A-81CE-0BF617D890DF");
  // EDK2 MdePkg/Include/Guid/SystemNvDataGuid.h (EFI_SYSTEM_NV_DATA_FV_GUID: the variable store)
  static final Guid NVRAM = Guid.of("FFF12B8D-7696-4C8B-A985-2747075B4F50");
  // EDK2 MdeModulePkg/Include/Guid/LzmaDecompress.h
  static final Guid LZMA = Guid.of("EE4E5898-3914-4259-9D6E-DC7BD79403CF");
  static final Guid LZMA_F86 = Guid.of("D42AE6BD-1352-4BFB-909A-CA72A6EAE889");
  // EDK2 MdePkg/Include/Guid/TianoDecompress.h
  static final Guid TIANO = Guid.of("A31280AD-481E-41B6-95E8-127F4C984779");
  // EDK2 MdePkg/Include/Guid/Crc32GuidedSectionExtraction.h
  static final Guid CRC32 = Guid.of("FC1BCDB0-7D31-49AA-936A-A4600D9DD083");
  // EDK2 MdeModulePkg/Include/Guid/BrotliDecompress.h (recognised, not unpacked)
  static final Guid BROTLI = Guid.of("3D532050-5CDA-4FD0-879E-0F7F630D5AFB");

  // UEFI spec 8.5.3 EFI_CAPSULE_HEADER users; GUIDs as UEFITool's ffs.cpp names them
  static final Guid EFI_CAPSULE = Guid.of("3B6686BD-0D76-4030-B70E-B5519E2FC5A0");
  static final Guid INTEL_CAPSULE = Guid.of("539182B9-ABB5-4391-B69A-E3A943F72FCC");
  static final Guid LENOVO_CAPSULE = Guid.of("E20BAFD3-9914-4F4F-9537-3129E090EB3C");
  static final Guid LENOVO2_CAPSULE = Guid.of("25B5FE76-8243-4A5C-A9BD-7EE3246198B5");
  static final Guid TOSHIBA_CAPSULE = Guid.of("3BE07062-1D51-45D2-832B-F093257ED461");
  static final Guid FMP_CAPSULE = Guid.of("6DCBD5ED-E82D-4C44-BDA1-7194199AD92A");
  static final Guid APTIO_SIGNED_CAPSULE = Guid.of("4A3CA68B-7723-48FB-803D-578CC1FEC44D");
  static final Guid APTIO_UNSIGNED_CAPSULE = Guid.of("14EEBB90-890A-43DB-AED1-5D3C4588A418");
}
