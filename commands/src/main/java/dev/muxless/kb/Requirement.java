package dev.muxless.kb;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One checkable step of a configuration. {@code check} names what observes it: {@code host:<id>}
 * (the host check's step ids), {@code profile:}, {@code rom:}, {@code acpi:} (the VM profile and
 * the files it names), or {@code guest:} (only the user can tell; troubleshoot asks). A failed
 * {@code recommended} step is a warning.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Requirement(
    String id,
    String text,
    String check,
    String severity,
    List<String> commands,
    List<String> symptoms) {
  public Requirement {
    commands = commands == null ? List.of() : List.copyOf(commands);
    symptoms = symptoms == null ? List.of() : List.copyOf(symptoms);
  }

  public boolean required() {
    return "required".equals(severity);
  }

  /** The part before the colon: host, profile, rom, acpi or guest. */
  public String source() {
    return check.substring(0, check.indexOf(':'));
  }
}
