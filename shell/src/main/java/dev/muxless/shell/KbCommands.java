package dev.muxless.shell;

import dev.muxless.core.ExitStatus;
import dev.muxless.core.Json;
import dev.muxless.core.MuxlessException;
import dev.muxless.host.StateDir;
import dev.muxless.kb.ConfigStatus;
import dev.muxless.kb.Configuration;
import dev.muxless.kb.Diagnoser;
import dev.muxless.kb.Diagnosis;
import dev.muxless.kb.FactCollector;
import dev.muxless.kb.KbEntry;
import dev.muxless.kb.KnowledgeBase;
import dev.muxless.kb.ScriptedAnswers;
import dev.muxless.kb.SetupReport;
import dev.muxless.kb.SetupValidator;
import dev.muxless.kb.Transcript;
import dev.muxless.kb.Troubleshooter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.jline.terminal.Terminal;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.command.CommandRegistration.OptionArity;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;
import org.springframework.shell.context.InteractionMode;
import org.springframework.shell.context.ShellContext;

/**
 * The knowledge base: {@code kb list/show/search}, {@code diagnose}, {@code troubleshoot}, {@code
 * setup validate}. Thin: the engines are in {@code dev.muxless.kb}.
 */
@Command(group = "Knowledge base")
public class KbCommands {
  private final ShellSession session;
  private final ObjectProvider<Terminal> terminal;
  private final ObjectProvider<ShellContext> context;

  public KbCommands(
      ShellSession session,
      ObjectProvider<Terminal> terminal,
      ObjectProvider<ShellContext> context) {
    this.session = session;
    this.terminal = terminal;
    this.context = context;
  }

  private static KnowledgeBase kb() {
    return KnowledgeBase.bundled();
  }

  @Command(
      command = {"kb", "list"},
      description = "List the documented configurations and known symptoms.")
  @Example("kb list")
  @Example("kb list --status works-with-patching")
  public String list(
      @Option(
              longNames = "status",
              description = "only configurations with this status",
              label = "STATUS")
          @OptionValues(provider = "kbStatusCompletion")
          String status,
      @Option(longNames = "json", description = "print JSON") boolean json) {
    List<KbEntry> out = new ArrayList<>();
    ConfigStatus want = status == null ? null : ConfigStatus.of(status);
    for (Configuration c : kb().configurations()) {
      if (want == null || c.status() == want) {
        out.add(new KbEntry(c.id(), "configuration", c.status().label(), c.title(), 0));
      }
    }
    if (want == null) {
      kb().symptoms()
          .forEach(s -> out.add(new KbEntry(s.id(), "symptom", s.category(), s.title(), 0)));
    }
    return json ? Json.write(out) : KbPrinter.entries(out);
  }

  @Command(
      command = {"kb", "show"},
      description = "Show one configuration or symptom in full.")
  @Example("kb show linux-nouveau-render-gvt-primary")
  @Example("kb show rom-bar-invalid-signature --json")
  public String show(
      @Option(required = true, description = "a configuration or symptom id", label = "ID")
          @OptionValues(provider = "kbIdCompletion")
          String id,
      @Option(longNames = "json", description = "print JSON") boolean json) {
    var c = kb().configuration(id);
    if (c.isPresent()) {
      return json ? Json.write(c.get()) : KbPrinter.configuration(c.get());
    }
    var s =
        kb().symptom(id)
            .orElseThrow(
                () ->
                    MuxlessException.badInput(
                        "kb show: no entry '" + id + "' in the knowledge base",
                        "'kb search WORDS' finds entries; 'kb list' shows every id"));
    return json ? Json.write(s) : KbPrinter.symptom(s);
  }

  @Command(
      command = {"kb", "search"},
      description = "Find entries containing every word given (ids, titles, causes, log lines).")
  @Example("kb search code 43")
  @Example("kb search swiotlb --json")
  public String search(
      @Option(
              required = true,
              description = "words to look for",
              arity = OptionArity.ONE_OR_MORE,
              label = "TEXT")
          String[] text,
      @Option(longNames = "json", description = "print JSON") boolean json) {
    List<KbEntry> hits = kb().search(String.join(" ", text));
    if (hits.isEmpty()) {
      session.report(ExitStatus.PROBLEMS);
    }
    if (json) {
      return Json.write(hits);
    }
    if (hits.isEmpty()) {
      return "Nothing in the knowledge base mentions '" + String.join(" ", text) + "'.";
    }
    return KbPrinter.entries(hits);
  }

  @Command(
      command = "diagnose",
      description =
          "Find known symptoms in logs (dmesg, journalctl, Xorg, QEMU, libvirt, pasted text).")
  @Example("diagnose --log /var/log/libvirt/qemu/win10.log")
  @Example("diagnose --log - --json")
  public String diagnose(
      @Option(
              longNames = "log",
              required = true,
              description = "log files; - reads standard input",
              arity = OptionArity.ONE_OR_MORE,
              label = "FILE")
          @OptionValues(provider = "fileCompletion")
          String[] logs,
      @Option(longNames = "json", description = "print JSON") boolean json) {
    boolean interactive =
        context.getIfAvailable() != null
            && context.getIfAvailable().getInteractionMode() == InteractionMode.INTERACTIVE;
    LogInput in = LogInput.read(logs, interactive ? terminal.getIfAvailable() : null);
    Diagnosis d = new Diagnoser(kb()).diagnose(in.lines());
    if (!d.findings().isEmpty()) {
      session.report(ExitStatus.PROBLEMS);
    }
    return json ? Json.write(d) : KbPrinter.diagnosis(d, in::where);
  }

  @Command(
      command = {"setup", "validate"},
      description =
          "Check a target configuration's requirements, in order, against this host and a VM profile.")
  @Example("setup validate")
  @Example("setup validate --target windows-guest-acpi-rom --profile vm.json --json")
  public String validate(
      @Option(
              longNames = "target",
              description = "configuration id (default: matches this host)",
              label = "ID")
          @OptionValues(provider = "kbConfigurationCompletion")
          String target,
      @Option(longNames = "profile", description = "the VM profile (JSON)", label = "FILE")
          @OptionValues(provider = "fileCompletion")
          String profile,
      @Option(longNames = "json", description = "print JSON") boolean json) {
    FactCollector facts = facts(profile);
    SetupValidator v = new SetupValidator(kb());
    Configuration t =
        target == null ? v.defaultTarget(facts) : kb().requireConfiguration(target, "--target");
    SetupReport r = v.validate(t, facts);
    session.report(r.exitStatus());
    return json ? Json.write(r) : KbPrinter.setup(r);
  }

  @Command(
      command = "troubleshoot",
      description =
          "A guided session: checks what it can, asks about the rest, ends with findings and next steps.")
  @Example("troubleshoot")
  @Example("troubleshoot --target windows-guest-acpi-rom --profile vm.json")
  @Example("troubleshoot --answers answers.json --save session.json --json")
  public String troubleshoot(
      @Option(
              longNames = "target",
              description = "what you are trying to do (a configuration id)",
              label = "ID")
          @OptionValues(provider = "kbConfigurationCompletion")
          String target,
      @Option(longNames = "profile", description = "the VM profile (JSON) to check", label = "FILE")
          @OptionValues(provider = "fileCompletion")
          String profile,
      @Option(
              longNames = "answers",
              description = "replay answers from a JSON file (no terminal)",
              label = "FILE")
          @OptionValues(provider = "fileCompletion")
          String answers,
      @Option(longNames = "resume", description = "continue a saved session", label = "FILE")
          @OptionValues(provider = "fileCompletion")
          String resume,
      @Option(longNames = "save", description = "where to save the transcript", label = "FILE")
          @OptionValues(provider = "fileCompletion")
          String save,
      @Option(longNames = "json", description = "print the transcript as JSON") boolean json) {
    if (target != null) {
      kb().requireConfiguration(target, "--target");
    }
    Transcript previous = resume == null ? null : Transcript.load(Path.of(resume));
    Path out =
        save != null ? Path.of(save) : resume != null ? Path.of(resume) : defaultTranscript();
    if (answers != null
        && out.toAbsolutePath().normalize().equals(Path.of(answers).toAbsolutePath().normalize())) {
      throw MuxlessException.badInput(
          "--save: " + out + " is the --answers file", "save the transcript somewhere else");
    }
    var source =
        answers != null
            ? ScriptedAnswers.read(Path.of(answers))
            : new InteractiveAnswers(requireTerminal());
    Transcript t =
        new Troubleshooter(kb(), facts(profile)).run(target, source, previous, x -> x.save(out));
    if (t.finished() && !t.findings().isEmpty()) {
      session.report(ExitStatus.PROBLEMS);
    }
    return json ? Json.write(t) : KbPrinter.session(t, out.toString());
  }

  private Terminal requireTerminal() {
    Terminal t = terminal.getIfAvailable();
    if (t == null) {
      throw MuxlessException.environment(
          "troubleshoot needs a terminal to ask questions", "give the answers with --answers FILE");
    }
    return t;
  }

  private FactCollector facts(String profile) {
    return FactCollector.read(session.host(), profile == null ? null : Path.of(profile));
  }

  private static Path defaultTranscript() {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return StateDir.path().resolve("troubleshoot").resolve("session-" + stamp + ".json");
  }
}
