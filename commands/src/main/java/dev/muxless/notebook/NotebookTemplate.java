package dev.muxless.notebook;

/**
 * The notebook {@code notebook new} writes: a short tour of the toolkit's entry points that runs as
 * it is against the demo host, with the ROM, ACPI and VM engines shown in Markdown so the new
 * notebook works whichever engines this build has.
 */
public final class NotebookTemplate {
  private NotebookTemplate() {}

  /** The template for a notebook file, titled after its name without {@code .jsh}. */
  public static String text(String file) {
    String name = java.nio.file.Path.of(file).getFileName().toString();
    String title = name.endsWith(".jsh") ? name.substring(0, name.length() - 4) : name;
    return """
        // A muxless notebook: a JShell script split into cells (Jupytext percent format).
        // Run it with:  ./muxless notebook run %1$s --out %2$s.html
        // It is also a plain JShell script: jshell --class-path <muxless jars> %1$s

        // %%%% [markdown]
        // # %2$s
        //
        // Cells start with `// %%%%` (code) or `// %%%% [markdown]` (text like this one).
        // The toolkit's packages are imported already: `dev.muxless.host` (the host seam, PCI bus,
        // GPUs), `dev.muxless.core` (JSON, tables, check reports) and, when this build has them,
        // `rom`, `acpi`, `qemu`, `vfio` and `kb`.

        // %%%% Pick a host
        // muxless imports the toolkit already; plain jshell needs the import
        import dev.muxless.host.*;
        // HostRoot.demo() is the bundled demo laptop; HostRoot.real() is this machine.
        var host = HostRoot.demo();
        host.read("/sys/class/dmi/id/product_name").orElse("?")

        // %%%% The GPUs
        for (Gpu g : GpuInventory.list(host)) {
          System.out.println(g.address() + "  " + g.vendorName() + " " + g.className()
              + (g.muxless() ? "  <- muxless" : ""));
        }

        // %%%% Declarations live across cells
        Optional<Gpu> muxless() {
          return GpuInventory.list(host).stream().filter(Gpu::muxless).findFirst();
        }
        muxless().map(Gpu::iommuGroup).orElse(-1)

        // %%%% [markdown]
        // ## Next steps
        //
        // - Print data as JSON: `System.out.println(Json.write(GpuInventory.list(host)));`
        // - Parse a VBIOS: `RomParser.parse(Files.readAllBytes(Path.of(Param.get("rom", "gpu.rom"))), "gpu.rom")`
        //   (pass the file with `notebook run ... --param rom=FILE`).
        // - The tutorials in `notebooks/` go further: ROMs, `_ROM` tables, a host check, VM profiles.
        """
        .formatted(file, title);
  }
}
