package dev.muxless.notebook;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Captures {@code System.out} and {@code System.err} while a cell runs. With a local execution
 * engine, snippet output goes to the process streams, not to {@code JShell.out}
 * (../shared/docs/java-stack.md §3.1), so the streams are swapped for the duration and restored
 * after. Each stream keeps at most {@link #LIMIT} bytes so a runaway loop cannot exhaust memory.
 */
final class OutputCapture implements AutoCloseable {
  static final int LIMIT = 1 << 20;
  private static final Object LOCK = new Object();

  private final PrintStream oldOut;
  private final PrintStream oldErr;
  private final Bounded out;
  private final Bounded err;

  private OutputCapture(Consumer<String> live) {
    out = new Bounded(live);
    err = new Bounded(live);
    synchronized (LOCK) {
      oldOut = System.out;
      oldErr = System.err;
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }
  }

  /**
   * Starts capturing.
   *
   * @param live also receives the text as it is written (a terminal showing a cell's output while
   *     it runs); null for none
   */
  static OutputCapture start(Consumer<String> live) {
    return new OutputCapture(live);
  }

  String out() {
    return out.text();
  }

  String err() {
    return err.text();
  }

  @Override
  public void close() {
    synchronized (LOCK) {
      System.out.flush();
      System.err.flush();
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  private static final class Bounded extends OutputStream {
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final Consumer<String> live;
    private long dropped;

    Bounded(Consumer<String> live) {
      this.live = live;
    }

    @Override
    public synchronized void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      int keep = Math.max(0, Math.min(len, LIMIT - buf.size()));
      buf.write(b, off, keep);
      dropped += len - keep;
      if (live != null && keep > 0) {
        // PrintStream hands over whole encoded strings, so chunks end on character boundaries
        live.accept(new String(b, off, keep, StandardCharsets.UTF_8));
      }
    }

    synchronized String text() {
      String s = buf.toString(StandardCharsets.UTF_8);
      return dropped == 0 ? s : s + "\n[... " + dropped + " more bytes of output dropped]\n";
    }
  }
}
