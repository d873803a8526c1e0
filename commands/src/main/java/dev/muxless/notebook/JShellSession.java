package dev.muxless.notebook;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.ImportSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * One JShell with the toolkit on its class path and its public packages imported, evaluating code
 * in the application's own JVM (a {@link ParentLoaderExecutionControlProvider}). Both {@code
 * notebook run} (one session per run) and the {@code jshell} REPL use it. Code is split into
 * complete snippets with {@link SourceCodeAnalysis#analyzeCompletion}; every problem is reported at
 * a line of the code's source (the notebook's own line numbers).
 */
public final class JShellSession implements AutoCloseable {
  /** The JDK packages the {@code jshell} tool imports by default (its DEFAULT startup). */
  static final List<String> JDK_IMPORTS =
      List.of(
          "java.io",
          "java.math",
          "java.net",
          "java.nio.file",
          "java.util",
          "java.util.concurrent",
          "java.util.function",
          "java.util.regex",
          "java.util.stream");

  /** The toolkit packages imported when this build has them (docs/developing.md, Layout). */
  static final List<String> TOOLKIT_PACKAGES =
      List.of(
          "dev.muxless.core",
          "dev.muxless.host",
          "dev.muxless.vfio",
          "dev.muxless.rom",
          "dev.muxless.firmware",
          "dev.muxless.acpi",
          "dev.muxless.qemu",
          "dev.muxless.kb",
          "dev.muxless.notebook");

  private final JShell js;
  private final SourceCodeAnalysis sca;
  private final List<String> imports;
  private final SnippetFrames frames;
  private volatile boolean stopRequested;

  private JShellSession(JShell js, String sourceName, List<String> imports) {
    this.js = js;
    this.sca = js.sourceCodeAnalysis();
    this.frames = new SnippetFrames(sourceName);
    this.imports = imports;
  }

  /**
   * A session whose snippets see the classes of the loader that loaded the toolkit.
   *
   * @param sourceName the name stack traces show for notebook frames (a notebook's file name)
   */
  public static JShellSession open(String sourceName) {
    return open(sourceName, JShellSession.class.getClassLoader());
  }

  static JShellSession open(String sourceName, ClassLoader parent) {
    PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
    JShell js =
        JShell.builder()
            .executionEngine(new ParentLoaderExecutionControlProvider(parent), Map.of())
            .in(InputStream.nullInputStream())
            .out(discard)
            .err(discard)
            .build();
    try {
      // one call with the joined path: per-entry calls are slow (java-stack.md §3.3)
      js.addToClasspath(ToolkitClasspath.joined(ToolkitClasspath.entries()));
      List<String> imports = new ArrayList<>();
      for (String p : JDK_IMPORTS) {
        imports.add("import " + p + ".*;");
      }
      for (String p : TOOLKIT_PACKAGES) {
        if (parent.getResource(p.replace('.', '/') + "/") != null) {
          imports.add("import " + p + ".*;");
        }
      }
      for (String i : imports) {
        js.eval(i);
      }
      return new JShellSession(js, sourceName, List.copyOf(imports));
    } catch (RuntimeException e) {
      js.close(); // no JShell left behind when the class path cannot be prepared
      throw e;
    }
  }

  /** The import statements every session starts with. */
  public List<String> defaultImports() {
    return imports;
  }

  /**
   * Evaluates code snippet by snippet, stopping at the first that fails, with its standard output
   * and error captured.
   *
   * @param firstLine the source line of the code's first line, for messages and traces
   */
  public Evaluation eval(String code, int firstLine) {
    return eval(code, firstLine, null);
  }

  /**
   * As {@link #eval(String, int)}, also handing what the code prints to {@code live} while it runs
   * (standard output and error as they come); null for none.
   */
  public Evaluation eval(String code, int firstLine, java.util.function.Consumer<String> live) {
    long t0 = System.nanoTime();
    List<SnippetResult> out = new ArrayList<>();
    String stdout;
    String stderr;
    stopRequested = false;
    try (OutputCapture cap = OutputCapture.start(live)) {
      split(code, firstLine, out);
      stdout = cap.out();
      stderr = cap.err();
    }
    return new Evaluation(List.copyOf(out), stdout, stderr, (System.nanoTime() - t0) / 1_000_000);
  }

  /**
   * Feeds the code line by line, evaluating as soon as the lines so far hold a complete snippet,
   * exactly as the {@code jshell} tool reads a script: so {@code a()} and {@code b()} on two lines
   * are two snippets, while a line ending in an operator or an open brace continues on the next.
   */
  private void split(String code, int firstLine, List<SnippetResult> out) {
    String[] lines = code.split("\n", -1);
    StringBuilder buffer = new StringBuilder();
    int bufferLine = firstLine;
    for (int i = 0; i < lines.length; i++) {
      if (buffer.length() == 0) {
        bufferLine = firstLine + i;
      }
      buffer.append(lines[i]).append('\n');
      while (buffer.length() > 0) {
        if (stopRequested) {
          return; // stopped between two snippets: JShell.stop only reaches a running one
        }
        String text = buffer.toString();
        SourceCodeAnalysis.CompletionInfo ci = sca.analyzeCompletion(text);
        Completeness c = ci.completeness();
        if (c == Completeness.EMPTY) {
          buffer.setLength(0);
          break;
        }
        if (c == Completeness.DEFINITELY_INCOMPLETE || c == Completeness.CONSIDERED_INCOMPLETE) {
          break; // read the next line
        }
        boolean usable = c.isComplete() || ci.source() != null && !ci.source().isBlank();
        String src = usable ? ci.source() : text;
        String remaining = usable ? ci.remaining() : "";
        SnippetResult r = evalSnippet(src, bufferLine);
        if (r != null) {
          out.add(r);
          if (r.failed()) {
            return;
          }
        }
        if (!c.isComplete()) {
          return; // an error javac did not reject: nothing sensible follows
        }
        bufferLine += newlines(text, text.length() - remaining.length());
        buffer.setLength(0);
        if (!remaining.isBlank()) {
          buffer.append(remaining);
        }
      }
    }
    if (buffer.length() > 0 && !buffer.toString().isBlank()) {
      // the code ends inside a statement or declaration: javac names what is missing
      SnippetResult r = evalSnippet(buffer.toString(), bufferLine);
      if (r != null) {
        out.add(r);
      }
    }
  }

  /**
   * Stops the code being evaluated (Ctrl-C): the running snippet is stopped and the snippets after
   * it in the same {@link #eval} are not run. Callable from any thread.
   */
  public void stop() {
    stopRequested = true;
    js.stop();
  }

  /** True while the input ends inside a statement or declaration: a REPL reads another line. */
  public boolean needsMoreInput(String input) {
    String rest = input;
    while (!rest.isBlank()) {
      SourceCodeAnalysis.CompletionInfo ci = sca.analyzeCompletion(rest);
      Completeness c = ci.completeness();
      if (c == Completeness.DEFINITELY_INCOMPLETE || c == Completeness.CONSIDERED_INCOMPLETE) {
        return true;
      }
      if (!c.isComplete()) {
        return false;
      }
      rest = ci.remaining();
    }
    return false;
  }

  /** Completion candidates at a cursor, from {@link SourceCodeAnalysis#completionSuggestions}. */
  public Completion complete(String input, int cursor) {
    int[] anchor = new int[1];
    List<String> c =
        sca.completionSuggestions(input, cursor, anchor).stream()
            .map(SourceCodeAnalysis.Suggestion::continuation)
            .distinct()
            .sorted()
            .toList();
    return new Completion(anchor[0], c);
  }

  /** The variables declared so far, as {@code type name = value}. */
  public List<String> variables() {
    return js.variables()
        .filter(v -> js.status(v).isActive())
        .map(v -> v.typeName() + " " + v.name() + " = " + js.varValue(v))
        .toList();
  }

  /** The methods and types declared so far. */
  public List<String> declarations() {
    List<String> out = new ArrayList<>();
    js.methods()
        .filter(m -> js.status(m).isActive())
        .forEach(m -> out.add(m.name() + "(" + m.parameterTypes() + ")" + " " + m.signature()));
    js.types()
        .filter(t -> js.status(t).isActive())
        .forEach(
            t ->
                out.add(t.subKind().name().replace("_SUBKIND", "").toLowerCase() + " " + t.name()));
    return out;
  }

  /** Every active import, the defaults included. */
  public List<String> activeImports() {
    return js.imports()
        .filter(i -> js.status(i).isActive())
        .map(i -> "import " + (i.isStatic() ? "static " : "") + i.fullname() + ";")
        .toList();
  }

  private SnippetResult evalSnippet(String src, int line) {
    List<SnippetEvent> events = js.eval(src);
    SnippetEvent main =
        events.stream().filter(e -> e.causeSnippet() == null).findFirst().orElse(null);
    if (main == null) {
      return null;
    }
    Snippet s = main.snippet();
    // JShell numbers a snippet's lines from its first line of code, past blank and // lines
    frames.register(s.id(), line + leadingNonCodeLines(src));
    if (main.status() == Snippet.Status.REJECTED) {
      Diag d = js.diagnostics(s).filter(Diag::isError).findFirst().orElse(null);
      int pos = d == null ? 0 : (int) Math.max(0, Math.min(src.length(), d.getStartPosition()));
      String msg = d == null ? "rejected: " + src.strip() : message(d);
      return new SnippetResult(
          kind(s),
          null,
          null,
          line,
          null,
          new Failure("compile", line + newlines(src, pos), msg, List.of()));
    }
    String note = null;
    if (main.status() == Snippet.Status.RECOVERABLE_DEFINED
        || main.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
      DeclarationSnippet ds = (DeclarationSnippet) s;
      note =
          ds.name()
              + " cannot be used until "
              + js.unresolvedDependencies(ds).collect(Collectors.joining(", "))
              + " is declared (line "
              + line
              + ")";
    }
    Failure failure = main.exception() == null ? null : failure(main.exception(), line);
    return new SnippetResult(kind(s), name(s), shownValue(main.value()), line, note, failure);
  }

  /**
   * A statement like {@code System.out.printf(...)} is an expression whose value is the stream
   * itself; a notebook reader wants the printed text, not {@code java.io.PrintStream@1aedf08d}.
   */
  private static String shownValue(String value) {
    return value != null && value.startsWith("java.io.PrintStream@") ? null : value;
  }

  private Failure failure(JShellException ex, int line) {
    if (ex instanceof UnresolvedReferenceException u) {
      DeclarationSnippet d = u.getSnippet();
      return new Failure(
          "unresolved",
          line,
          d.name()
              + " cannot be used until "
              + js.unresolvedDependencies(d).collect(Collectors.joining(", "))
              + " is declared",
          List.of());
    }
    return frames.exception(ex, line);
  }

  /** javac's message on one line, without JShell's empty "location: class" wrapper name. */
  private static String message(Diag d) {
    return d.getMessage(Locale.ROOT)
        .lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.equals("location: class"))
        .collect(Collectors.joining("; "));
  }

  private static String kind(Snippet s) {
    return switch (s.kind()) {
      case EXPRESSION -> "expression";
      case VAR -> s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND ? "expression" : "var";
      case METHOD -> "method";
      case TYPE_DECL -> "type";
      case IMPORT -> "import";
      default -> "statement";
    };
  }

  private static String name(Snippet s) {
    if (s instanceof ExpressionSnippet e) {
      return e.name();
    }
    if (s instanceof VarSnippet v) {
      return v.name();
    }
    if (s instanceof MethodSnippet m) {
      return m.name() + "(" + m.parameterTypes() + ")";
    }
    if (s instanceof ImportSnippet i) {
      return i.fullname();
    }
    if (s instanceof DeclarationSnippet d) {
      return d.name();
    }
    return null;
  }

  private static int leadingNonCodeLines(String src) {
    int n = 0;
    for (String l : src.split("\n", -1)) {
      String t = l.strip();
      if (!t.isEmpty() && !t.startsWith("//")) {
        return n;
      }
      n++;
    }
    return 0;
  }

  private static int newlines(String s, int end) {
    int n = 0;
    for (int i = 0; i < end && i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        n++;
      }
    }
    return n;
  }

  @Override
  public void close() {
    js.close();
  }
}
