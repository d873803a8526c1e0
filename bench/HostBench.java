import dev.muxless.host.DemoHost;
import dev.muxless.host.HostCheck;
import dev.muxless.host.HostRoot;
import dev.muxless.host.PciAddress;
import dev.muxless.host.SimulatedKernel;
import dev.muxless.host.TreeFixture;
import dev.muxless.vfio.BindExecutor;
import dev.muxless.vfio.BindPlan;
import dev.muxless.vfio.BindPlanner;
import dev.muxless.vfio.IommuGroups;
import dev.muxless.vfio.VfioRestore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/** Hand-run timings of the host engines (bench/host-bench.sh); numbers go in the report, never asserts. */
public class HostBench {
  static void time(String what, int n, Runnable r) {
    for (int i = 0; i < Math.max(3, n / 10); i++) {
      r.run();
    }
    long t = System.nanoTime();
    for (int i = 0; i < n; i++) {
      r.run();
    }
    double ms = (System.nanoTime() - t) / 1e6 / n;
    System.out.printf("%-44s %8.3f ms/op (n=%d)%n", what, ms, n);
  }

  public static void main(String[] a) throws Exception {
    Path tmp = Files.createTempDirectory("host-bench-");
    TreeFixture demoTree = TreeFixture.parse(DemoHost.text(), "demo");
    HostRoot demo = HostRoot.of(demoTree.materializeInto(tmp));
    time("materialise demo tree", 50, () -> TreeFixture.deleteTree(demoTree.materializeInto(tmp)));
    time("host check (demo)", 200, () -> HostCheck.run(demo));
    time("host check (real /)", 200, () -> HostCheck.run(HostRoot.real()));
    time("vfio groups (demo)", 500, () -> IommuGroups.read(demo));
    time("vfio groups (real /)", 500, () -> IommuGroups.read(HostRoot.real()));
    List<PciAddress> gpu = List.of(PciAddress.parse("01:00.0"));
    time("bind plan (demo)", 500, () -> BindPlanner.plan(demo, gpu, false));
    Path journal = tmp.resolve("journal.json");
    SimulatedKernel k = new SimulatedKernel(demo);
    time(
        "bind --apply + restore --apply (simulated)",
        200,
        () -> {
          BindPlan p = BindPlanner.plan(demo, gpu, false);
          if (!BindExecutor.apply(demo, k, p, journal).ok()) {
            throw new IllegalStateException("bind failed");
          }
          if (!VfioRestore.apply(demo, k, journal).problems().isEmpty()) {
            throw new IllegalStateException("restore failed");
          }
        });
    TreeFixture.deleteTree(tmp);
  }
}
