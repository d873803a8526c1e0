package dev.muxless.vfio;

import dev.muxless.host.HostWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Fault injection: the k-th write (1-based) fails with the given exception; all are recorded. */
final class FaultyWriter implements HostWriter {
  final HostWriter inner;
  final int failAt;
  final IOException fault;
  final List<HostWrite> writes = new ArrayList<>();

  FaultyWriter(HostWriter inner, int failAt, IOException fault) {
    this.inner = inner;
    this.failAt = failAt;
    this.fault = fault;
  }

  @Override
  public void write(String path, String value) throws IOException {
    writes.add(new HostWrite(path, value));
    if (writes.size() == failAt) {
      throw fault;
    }
    inner.write(path, value);
  }
}
