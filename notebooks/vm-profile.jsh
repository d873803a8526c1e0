// Tutorial: build a VM profile for the muxless GPU and print the qemu arguments it gives.
// Run:   ./muxless notebook run notebooks/vm-profile.jsh
// Uses:  dev.muxless.host (the demo laptop's GPU) and dev.muxless.qemu (profiles and argv).
// MERGE: the cells marked MERGE guess the qemu engine's API (VmProfile, QemuArgs); the lead
//        adjusts those calls and the requires line below to the merged dev.muxless.qemu.
// requires: dev.muxless.host.GpuInventory, dev.muxless.qemu.VmProfile, dev.muxless.qemu.QemuArgs

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
// MERGE: adjust to the qemu engine's profile builder.
var profile = VmProfile.forGpu(host, gpu.address());
profile

// %% [markdown]
// ## The arguments
//
// One argument per line reads best; look for `-device vfio-pci` with `x-pci-sub-vendor-id`
// and `x-pci-sub-device-id`, and the root port the GPU sits behind.

// %% qemu argv
// MERGE: adjust to the qemu engine's argv builder.
List<String> argv = QemuArgs.of(profile);
argv.forEach(System.out::println);
argv.stream().anyMatch(a -> a.contains("vfio-pci"))
