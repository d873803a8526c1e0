package dev.muxless.kb;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.muxless.core.AtomicFiles;
import dev.muxless.core.Json;
import dev.muxless.core.MuxlessException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A troubleshooting session as saved to JSON: the target, every answer in order, the automatic
 * checks, the suspects still standing, notes (next steps) and, once finished, the findings. Saved
 * atomically after every answer, so {@code --resume} continues where the session stopped.
 */
@JsonPropertyOrder({
  "version",
  "target",
  "finished",
  "entries",
  "checks",
  "suspects",
  "notes",
  "findings"
})
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "finished", allowGetters = true)
public record Transcript(
    int version,
    String target,
    Troubleshooter.State state,
    List<TranscriptEntry> entries,
    List<ValidationStep> checks,
    List<String> suspects,
    List<String> notes,
    List<Lead> findings) {
  public Transcript {
    entries = entries == null ? List.of() : List.copyOf(entries);
    checks = checks == null ? List.of() : List.copyOf(checks);
    suspects = suspects == null ? List.of() : List.copyOf(suspects);
    notes = notes == null ? List.of() : List.copyOf(notes);
    findings = findings == null ? List.of() : List.copyOf(findings);
  }

  /** True once the session reached DONE (saved as "finished" for scripts and older readers). */
  @JsonProperty("finished")
  public boolean finished() {
    return state == Troubleshooter.State.DONE;
  }

  public void save(Path file) {
    AtomicFiles.writeString(file, Json.write(this) + "\n");
  }

  public static Transcript load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw MuxlessException.badInput(
          "--resume: " + file + ": no such file", "give a transcript saved by 'troubleshoot'");
    }
    try {
      Transcript t = Json.mapper().readValue(Files.readString(file), Transcript.class);
      if (t.version() != 1) {
        throw MuxlessException.badInput(
            "--resume: " + file + ": field 'version' is " + t.version() + ", expected 1",
            "start a new session");
      }
      return t;
    } catch (IOException e) {
      String msg = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
      throw MuxlessException.badInput(
          "--resume: " + file + ": not a troubleshoot transcript: " + msg, "start a new session");
    }
  }
}
