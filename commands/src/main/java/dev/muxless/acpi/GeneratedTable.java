package dev.muxless.acpi;

/**
 * One generated table: the file name it should be written under, its definition block, and its
 * encoded AML ({@link #aml()} is computed once, {@link #asl()} on demand since the ASL of a 60 KiB
 * chunk is half a megabyte of text).
 */
public record GeneratedTable(String fileName, DefinitionBlock block, byte[] aml) {
  public GeneratedTable(String fileName, DefinitionBlock block) {
    this(fileName, block, block.toAml());
  }

  @Override
  public byte[] aml() {
    return aml.clone();
  }

  public int size() {
    return aml.length;
  }

  /** The ASL twin's file name: the same stem with {@code .asl}. */
  public String aslFileName() {
    return fileName.replaceFirst("\\.aml$", "") + ".asl";
  }

  public String asl() {
    return block.toAsl();
  }
}
