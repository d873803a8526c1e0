package dev.muxless.notebook;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

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
  private final Bounded out = new Bounded();
  private final Bounded err = new Bounded();

  private OutputCapture() {
    synchronized (LOCK) {
      oldOut = System.out;
      oldErr = System.err;
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }
  }

  static OutputCapture start() {
    return new OutputCapture();
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
    private long dropped;

    @Override
    public synchronized void write(int b) {
      if (buf.size() < LIMIT) {
        buf.write(b);
      } else {
        dropped++;
      }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      int keep = Math.max(0, Math.min(len, LIMIT - buf.size()));
      buf.write(b, off, keep);
      dropped += len - keep;
    }

    synchronized String text() {
      String s = buf.toString(StandardCharsets.UTF_8);
      return dropped == 0 ? s : s + "\n[... " + dropped + " more bytes of output dropped]\n";
    }
  }
}
