// Tutorial: build a VM profile for the muxless GPU and print the qemu arguments it gives.
// Run:   ./muxless notebook run notebooks/vm-profile.jsh
// Uses:  dev.muxless.host (the demo laptop's GPU) and dev.muxless.qemu (profiles and argv).
// requires: dev.muxless.host.GpuInventory, dev.muxless.qemu.VmInit, dev.muxless.qemu.QemuArgs

// %% [markdown]
// # Build a VM profile and print its qemu arguments
//
// A profile is a value: the machine type, memory, firmware, the GPU passed through (with the
// laptop's subsystem IDs, which the NVIDIA driver checks) and where its ROM comes from. The
// qemu command line is computed from it, so it can be read, diffed and tested before anything
// runs.

// %% The GPU to pass through
// muxless imports the toolkit already; plain jshell needs the imports
import dev.muxless.host.*;
import dev.muxless.qemu.*;
var host = HostRoot.demo();
Gpu gpu = GpuInventory.list(host).stream().filter(Gpu::muxless).findFirst().orElseThrow();
System.out.println(gpu.address() + " " + gpu.vendor() + ":" + gpu.device()
    + " subsystem " + gpu.subsystemVendor() + ":" + gpu.subsystemDevice());

// %% A profile
// What `vm init` does: the facts from the host (subsystem IDs, the GVT-g type, OVMF), sensible
// defaults for the rest, and notes on what is still missing.
var init = VmInit.init(host, new VmInit.Options("tutorial", gpu.address(), null, null,
    List.of(), null, null, null));
init.notes().forEach(n -> System.out.println("- " + n));
var profile = init.profile();
System.out.println(ProfileReader.write(profile));

// %% [markdown]
// ## The arguments
//
// One argument per line reads best; look for `-device vfio-pci` with `x-pci-sub-vendor-id`
// and `x-pci-sub-device-id`, and the root port the GPU sits behind.

// %% qemu argv
List<String> argv = QemuArgs.build(profile);
argv.forEach(System.out::println);
argv.stream().anyMatch(a -> a.contains("x-pci-sub-vendor-id=0x1028"))
