package dev.muxless.shell;

import dev.muxless.core.TextTable;
import dev.muxless.kb.Conditions;
import dev.muxless.kb.Configuration;
import dev.muxless.kb.Diagnosis;
import dev.muxless.kb.Finding;
import dev.muxless.kb.KbEntry;
import dev.muxless.kb.Lead;
import dev.muxless.kb.Requirement;
import dev.muxless.kb.SetupReport;
import dev.muxless.kb.Symptom;
import dev.muxless.kb.Transcript;
import java.util.List;
import java.util.function.IntFunction;

/** Terminal formatting of knowledge-base entries, diagnoses and sessions. */
final class KbPrinter {
  private KbPrinter() {}

  static String entries(List<KbEntry> entries) {
    TextTable t = new TextTable("ID", "KIND", "STATUS/CATEGORY", "TITLE");
    entries.forEach(e -> t.row(e.id(), e.kind(), e.status(), e.title()));
    return t.toString().stripTrailing();
  }

  static String configuration(Configuration c) {
    StringBuilder b = new StringBuilder();
    b.append(Style.bold(c.title())).append('\n');
    b.append("id: ").append(c.id()).append("   status: ").append(c.status().label()).append('\n');
    b.append('\n').append(c.summary()).append('\n');
    Conditions k = c.conditions();
    b.append('\n').append(Style.bold("Conditions")).append('\n');
    cond(b, "machine", k.machine());
    cond(b, "firmware", k.firmware());
    cond(b, "guest OS", k.guestOs());
    cond(b, "driver", k.driver());
    cond(b, "primary GPU", k.primaryGpu());
    cond(b, "VBIOS source", k.vbiosSource());
    cond(b, "boot path", k.bootPath());
    cond(b, "display", k.display());
    cond(b, "workload", k.workload());
    b.append('\n').append(Style.bold("Requirements")).append('\n');
    int i = 1;
    for (Requirement r : c.requirements()) {
      b.append(String.format("  %2d. %s%s%n", i++, r.text(), r.required() ? "" : " (recommended)"));
      b.append("      ").append(Style.dim("check " + r.check()));
      if (!r.commands().isEmpty()) {
        b.append(Style.dim("   commands: " + String.join("; ", r.commands())));
      }
      b.append('\n');
    }
    b.append('\n').append(Style.bold("Evidence")).append('\n');
    c.evidence().forEach(e -> b.append("  - ").append(e).append('\n'));
    if (c.muxless() != null) {
      b.append('\n').append(Style.bold("What muxless adds")).append('\n');
      b.append("  ").append(c.muxless().closes()).append('\n');
      b.append("  commands: ").append(String.join("; ", c.muxless().commands())).append('\n');
    }
    if (!c.related().isEmpty()) {
      b.append("\nrelated: ").append(String.join(", ", c.related())).append('\n');
    }
    b.append("source: ").append(c.source());
    return b.toString();
  }

  private static void cond(StringBuilder b, String name, String v) {
    if (v != null) {
      b.append(String.format("  %-13s %s%n", name, v));
    }
  }

  static String symptom(Symptom s) {
    StringBuilder b = new StringBuilder();
    b.append(Style.bold(s.title())).append('\n');
    b.append("id: ").append(s.id()).append("   category: ").append(s.category()).append('\n');
    b.append("\ncause: ").append(s.cause()).append('\n');
    b.append("fix:   ").append(s.fix()).append('\n');
    if (!s.commands().isEmpty()) {
      b.append("commands: ").append(String.join("; ", s.commands())).append('\n');
    }
    b.append('\n').append(Style.bold("Log lines it matches, e.g.")).append('\n');
    s.examples().forEach(e -> b.append("  ").append(e).append('\n'));
    b.append(Style.bold("Patterns")).append('\n');
    s.patterns().forEach(p -> b.append("  ").append(p).append('\n'));
    if (!s.configurations().isEmpty()) {
      b.append("\nconfigurations: ").append(String.join(", ", s.configurations())).append('\n');
    }
    b.append("source: ").append(s.source());
    return b.toString();
  }

  /** Findings with cause, fix and where they matched; where(n) names line n (file:line). */
  static String diagnosis(Diagnosis d, IntFunction<String> where) {
    StringBuilder b = new StringBuilder();
    if (d.findings().isEmpty()) {
      b.append("No known symptom found.\n");
    }
    for (Finding f : d.findings()) {
      b.append(Style.bad("● "))
          .append(Style.bold(f.title()))
          .append("  ")
          .append(Style.dim(f.id()));
      b.append('\n').append("  lines: ");
      b.append(String.join(", ", f.lines().stream().limit(12).map(where::apply).toList()));
      if (f.lines().size() > 12) {
        b.append(" (+").append(f.lines().size() - 12).append(" more)");
      }
      b.append('\n').append("  cause: ").append(f.cause()).append('\n');
      b.append("  fix:   ").append(f.fix()).append("\n\n");
    }
    if (!d.unmatched().isEmpty()) {
      b.append(Style.warn("Error-looking lines no known symptom explains:")).append('\n');
      for (int i = 0; i < d.unmatched().size() && i < 20; i++) {
        b.append("  ").append(where.apply(d.unmatched().get(i))).append(": ");
        b.append(d.unmatchedText().get(i).strip()).append('\n');
      }
      if (d.unmatched().size() > 20) {
        b.append("  (+").append(d.unmatched().size() - 20).append(" more; --json lists all)\n");
      }
    }
    b.append(
        String.format(
            "%d known symptom(s), %d unexplained error line(s)",
            d.findings().size(), d.unmatched().size()));
    return b.toString();
  }

  static String setup(SetupReport r) {
    return Style.bold("Target: ")
        + r.target()
        + " ("
        + r.status()
        + ")\n"
        + r.title()
        + "\n\n"
        + CheckPrinter.format(r.toCheckReport());
  }

  static String session(Transcript t, String savedTo) {
    StringBuilder b = new StringBuilder();
    if (!t.finished()) {
      b.append("\nSession stopped after ").append(t.entries().size()).append(" answer(s).\n");
      b.append("Resume it with: troubleshoot --resume ").append(savedTo);
      return b.toString();
    }
    b.append('\n').append(Style.bold("Target: ")).append(t.target()).append('\n');
    if (t.findings().isEmpty()) {
      b.append("No problem found.\n");
    } else {
      b.append(Style.bold("Findings")).append('\n');
      for (Lead l : t.findings()) {
        b.append(Style.bad("● "))
            .append(l.title())
            .append("  ")
            .append(Style.dim(l.id()))
            .append('\n');
        if (l.cause() != null) {
          b.append("  cause: ").append(l.cause()).append('\n');
        }
        if (l.fix() != null) {
          b.append("  fix:   ").append(l.fix()).append('\n');
        }
        b.append("  why:   ").append(l.reason()).append('\n');
      }
    }
    if (!t.notes().isEmpty()) {
      b.append(Style.bold("Next steps")).append('\n');
      t.notes().forEach(n -> b.append("  - ").append(n).append('\n'));
    }
    b.append("Transcript: ").append(savedTo);
    return b.toString();
  }
}
