package dev.muxless.notebook;

/**
 * What evaluating one snippet gave.
 *
 * @param kind {@code expression}, {@code var}, {@code method}, {@code type}, {@code import} or
 *     {@code statement}
 * @param name the declared name, or the expression's {@code $n} variable; null for statements
 * @param value the value as JShell prints it (strings quoted), null when the snippet has none
 * @param line the notebook line the snippet starts on
 * @param note a declaration that is not usable yet ("... cannot be used until X is declared"),
 *     otherwise null
 * @param failure null when the snippet succeeded
 */
public record SnippetResult(
    String kind, String name, String value, int line, String note, Failure failure) {

  public boolean failed() {
    return failure != null;
  }

  /** An expression's value, shown in notebook output as JShell shows it: {@code $1 ==> 2}. */
  public boolean isExpressionValue() {
    return "expression".equals(kind) && value != null;
  }
}
