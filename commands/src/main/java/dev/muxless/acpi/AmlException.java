package dev.muxless.acpi;

/**
 * Out-of-spec input to the AML builder (a bad name segment, a too-long package, a negative length).
 * It is a programming or input error, not an environment problem: callers that take user input turn
 * it into {@code MuxlessException.badInput}.
 */
public class AmlException extends IllegalArgumentException {
  public AmlException(String message) {
    super(message);
  }
}
