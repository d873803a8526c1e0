package dev.muxless.kb;

import dev.muxless.core.CheckStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a target configuration's requirements, in order, against the facts. A failed {@code
 * recommended} step is a WARN; {@code guest:} steps SKIP (only the user can tell). The fix of a
 * step is the one the observing engine gives (the host check's exact command), else the muxless
 * command(s) the knowledge base names for it.
 */
public final class SetupValidator {
  /** The target when none is given: the muxless route for a host like the notes' laptop. */
  public static final String DEFAULT_TARGET = "linux-nvidia-acpi-rom-gvt-primary";

  private final KnowledgeBase kb;

  public SetupValidator(KnowledgeBase kb) {
    this.kb = kb;
  }

  /**
   * The configuration that matches this host: with a muxless GPU and GVT-g types, the binary driver
   * with a _ROM table and GVT-g primary; with GVT-g but no muxless GPU, rendering on the vGPU; with
   * a muxless GPU but no GVT-g, compute on nouveau.
   */
  public Configuration defaultTarget(FactCollector facts) {
    boolean muxless = facts.muxlessGpu().isPresent();
    boolean gvt = !facts.gvtTypes().isEmpty();
    String id;
    if (!muxless && gvt) {
      id = "linux-gvt-render-primary";
    } else if (muxless && !gvt) {
      id = "nouveau-compute-render-nodes";
    } else {
      id = DEFAULT_TARGET;
    }
    return kb.requireConfiguration(id, "target");
  }

  public SetupReport validate(Configuration target, FactCollector facts) {
    List<ValidationStep> steps = new ArrayList<>();
    for (Requirement r : target.requirements()) {
      Verdict v = RequirementChecks.evaluate(r.check(), facts);
      CheckStatus st = v.status();
      if (st == CheckStatus.FAIL && !r.required()) {
        st = CheckStatus.WARN;
      }
      String message = r.text() + ": " + v.message();
      // the observing engine's own fix (host check: the exact command) before the kb's commands
      String fix =
          v.fix() != null
              ? v.fix()
              : r.commands().isEmpty() ? null : String.join("; ", r.commands());
      steps.add(new ValidationStep(r.id(), st, message, fix, r.check(), target.id(), r.symptoms()));
    }
    return new SetupReport(target.id(), target.title(), target.status().label(), steps);
  }
}
