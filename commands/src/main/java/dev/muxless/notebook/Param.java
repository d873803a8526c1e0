package dev.muxless.notebook;

import java.util.Locale;
import java.util.Map;

/**
 * Notebook parameters, the way papermill parameterises Jupyter notebooks: a notebook asks {@code
 * Param.get("rom", "default.rom")} and a run can supply the value. Looked up in the values of the
 * current {@code notebook run --param name=value}, then the system property {@code
 * muxless.param.<name>}, then the environment variable {@code MUXLESS_PARAM_<NAME>}, so a notebook
 * also runs in plain {@code jshell} with the toolkit on its class path.
 */
public final class Param {
  private static volatile Map<String, String> run = Map.of();

  private Param() {}

  public static String get(String name, String fallback) {
    String v = run.get(name);
    if (v == null) {
      v = System.getProperty("muxless.param." + name);
    }
    if (v == null) {
      v = System.getenv("MUXLESS_PARAM_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
    return v == null || v.isEmpty() ? fallback : v;
  }

  /** Sets the values of one run; the runner clears them when it ends. */
  static void scope(Map<String, String> values) {
    run = Map.copyOf(values);
  }
}
