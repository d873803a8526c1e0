// Tutorial: check a host for GPU passthrough and plan the vfio-pci bind of its muxless GPU.
// Run:   ./muxless notebook run notebooks/host-check-and-bind.jsh --out host.html
// Uses:  dev.muxless.host (HostRoot, PciBus, GpuInventory) against the bundled demo laptop.
// requires: dev.muxless.host.HostRoot, dev.muxless.host.GpuInventory, dev.muxless.host.PciBus

// %% [markdown]
// # Check the demo host and plan a bind
//
// Passing a muxless Optimus GPU to a VM needs three things from the host: an IOMMU that is on,
// the GPU in an IOMMU group whose other members can go along with it, and the `vfio-pci`
// driver ready to take it. This notebook checks each one on the **demo laptop** (a Dell XPS 15
// 9560 class machine bundled with muxless), then writes down, as data, the sysfs writes a bind
// would make. Nothing is written: the plan is a value you can read first.
//
// Everything goes through `HostRoot`, the one seam between muxless and the machine. Change
// `HostRoot.demo()` to `HostRoot.real()` to ask the same questions of this computer.

// %% Pick the host
// muxless imports the toolkit already; plain jshell needs the import
import dev.muxless.host.*;
var host = HostRoot.demo();
var bus = new PciBus(host);
host.read("/sys/class/dmi/id/product_name").orElse("unknown machine")

// %% [markdown]
// ## The GPUs
//
// `GpuInventory` lists the display-class PCI functions. A *muxless* GPU is an NVIDIA
// **3D controller** (class `0302`): it has no display outputs, the Intel GPU drives the panel.

// %% List the GPUs
for (Gpu g : GpuInventory.list(host)) {
  System.out.printf("%s  %-26s %s:%s  driver=%-7s group=%s%s%n",
      g.address(), g.className(), g.vendor(), g.device(), g.driver(), g.iommuGroup(),
      g.muxless() ? "  <- muxless" : "");
}
Gpu gpu = GpuInventory.list(host).stream().filter(Gpu::muxless).findFirst().orElseThrow();
gpu.address()

// %% [markdown]
// ## Is the IOMMU on?
//
// With VT-d on, the kernel lists its units under `/sys/class/iommu` and every PCI function has
// an `iommu_group` link. The kernel command line shows how it was asked for.

// %% IOMMU and kernel command line
List<String> units = host.list("/sys/class/iommu");
String cmdline = host.read("/proc/cmdline").orElse("");
System.out.println("IOMMU units: " + units);
System.out.println("intel_iommu=on: " + cmdline.contains("intel_iommu=on")
    + ", iommu=pt: " + cmdline.contains("iommu=pt"));
!units.isEmpty()

// %% [markdown]
// ## Who shares the GPU's IOMMU group?
//
// A group is the smallest set of functions the IOMMU can isolate: all of its *endpoints* must
// go to the guest together (or be unbound). PCI bridges in the group stay with their host
// driver (`pcieport`), which is why the GPU's root port does not block the bind.

// %% The GPU's group
record Member(PciDevice device, boolean bridge) {}
// jshell reads a script line by line: a line that is already complete runs at once, so a
// chain continues with its dot at the end of the line, not at the start of the next.
List<Member> group = bus.devices().stream().
    filter(d -> Objects.equals(d.iommuGroup(), gpu.iommuGroup())).
    map(d -> new Member(d, d.isBridge())).
    toList();
group.forEach(m -> System.out.println(m.device().address() + "  " + m.device().className()
    + "  driver=" + m.device().driver() + (m.bridge() ? "  (bridge, stays)" : "  (endpoint, moves)")));
group.stream().filter(m -> !m.bridge()).count()

// %% [markdown]
// ## Is vfio-pci ready?
//
// The driver must be loaded (it appears under `/sys/bus/pci/drivers/vfio-pci`) and `/dev/vfio/vfio`
// must exist. A module in `/proc/modules` with a driver directory in sysfs is ready to bind.

// %% vfio-pci
boolean vfioDriver = host.exists("/sys/bus/pci/drivers/vfio-pci/bind");
boolean vfioDev = host.exists("/dev/vfio/vfio");
boolean vfioModule = host.read("/proc/modules").orElse("").lines().anyMatch(l -> l.startsWith("vfio_pci "));
System.out.println("driver dir " + vfioDriver + ", /dev/vfio/vfio " + vfioDev + ", module " + vfioModule);
vfioDriver && vfioDev && vfioModule

// %% [markdown]
// ## The plan
//
// For every endpoint in the group: point `driver_override` at `vfio-pci`, unbind it from its
// current driver, and ask the kernel to probe it again, which now picks `vfio-pci`. This is the
// order the kernel documentation gives for `driver_override`
// (Documentation/ABI/testing/sysfs-bus-pci). The plan is plain data: a list of writes.

// %% Plan the bind
record Write(String path, String value) {}
List<Write> plan = new ArrayList<>();
for (Member m : group) {
  if (m.bridge()) continue;
  String dir = PciBus.dir(m.device().address());
  plan.add(new Write(dir + "/driver_override", "vfio-pci"));
  if (m.device().driver() != null) {
    plan.add(new Write(dir + "/driver/unbind", m.device().address().toString()));
  }
  plan.add(new Write("/sys/bus/pci/drivers_probe", m.device().address().toString()));
}
plan.forEach(w -> System.out.println("echo " + w.value() + " > " + w.path()));
plan.size()

// %% [markdown]
// ## Summary
//
// One line per check, the way `host check` reports them. The demo laptop passes all of them;
// on a real machine, the failing line says what to change first.

// %% Summary
int failed = 0;
void check(String what, boolean ok) {
  System.out.println((ok ? "PASS  " : "FAIL  ") + what);
  if (!ok) failed++;
}
check("a muxless NVIDIA GPU is present", gpu.muxless());
check("the IOMMU is on", !units.isEmpty());
check("the GPU has an IOMMU group", gpu.iommuGroup() != null);
check("vfio-pci is ready", vfioDriver && vfioDev && vfioModule);
check("the bind touches only the GPU's group", plan.stream().allMatch(w -> w.path().contains(gpu.address()) || w.value().equals(gpu.address()) || w.path().endsWith("drivers_probe")));
failed
