package dev.muxless.kb;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.muxless.core.MuxlessException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The knowledge base: documented configurations, known symptoms and the troubleshooting questions,
 * loaded from the JSON files of {@code knowledge-base/} (packaged as resources under {@code
 * dev/muxless/kb/data/}, so the application reads exactly the files the tests validate).
 */
public final class KnowledgeBase {
  static final String RESOURCES = "/dev/muxless/kb/data/";
  static final List<String> FILES =
      List.of("configurations.json", "symptoms.json", "troubleshoot.json");

  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private static volatile KnowledgeBase bundled;

  private final Map<String, Configuration> configurations = new LinkedHashMap<>();
  private final Map<String, Symptom> symptoms = new LinkedHashMap<>();
  private final Map<String, Question> questions = new LinkedHashMap<>();
  private final String start;
  private final SymptomMatcher matcher;

  private KnowledgeBase(Map<String, JsonNode> files) {
    for (JsonNode n : files.get("configurations.json").path("configurations")) {
      Configuration c = convert(n, Configuration.class, "configurations.json");
      configurations.put(c.id(), c);
    }
    for (JsonNode n : files.get("symptoms.json").path("symptoms")) {
      Symptom s = convert(n, Symptom.class, "symptoms.json");
      symptoms.put(s.id(), s);
    }
    JsonNode t = files.get("troubleshoot.json");
    for (JsonNode n : t.path("questions")) {
      Question q = convert(n, Question.class, "troubleshoot.json");
      questions.put(q.id(), q);
    }
    start = t.path("start").asText();
    matcher = new SymptomMatcher(List.copyOf(symptoms.values()));
  }

  /** The knowledge base bundled with muxless (read once). */
  public static KnowledgeBase bundled() {
    KnowledgeBase kb = bundled;
    if (kb == null) {
      synchronized (KnowledgeBase.class) {
        if (bundled == null) {
          Map<String, JsonNode> files = new LinkedHashMap<>();
          for (String f : FILES) {
            try (InputStream in = KnowledgeBase.class.getResourceAsStream(RESOURCES + f)) {
              if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCES + f);
              }
              files.put(f, MAPPER.readTree(in));
            } catch (IOException e) {
              throw new IllegalStateException("cannot read " + RESOURCES + f, e);
            }
          }
          bundled = new KnowledgeBase(files);
        }
        kb = bundled;
      }
    }
    return kb;
  }

  /** A knowledge base read from a directory laid out like {@code knowledge-base/}. */
  public static KnowledgeBase load(Path dir) {
    Map<String, JsonNode> files = new LinkedHashMap<>();
    for (String f : FILES) {
      Path p = dir.resolve(f);
      try {
        files.put(f, MAPPER.readTree(Files.readString(p)));
      } catch (IOException e) {
        throw MuxlessException.badInput(
            p + ": " + e.getMessage().lines().findFirst().orElse(""), "fix the JSON syntax");
      }
    }
    return new KnowledgeBase(files);
  }

  private static <T> T convert(JsonNode n, Class<T> type, String file) {
    try {
      return MAPPER.treeToValue(n, type);
    } catch (IOException | IllegalArgumentException e) {
      String msg = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
      throw MuxlessException.badInput(
          file + ": entry '" + n.path("id").asText("?") + "': " + msg,
          "check it against knowledge-base/schema/");
    }
  }

  public List<Configuration> configurations() {
    return List.copyOf(configurations.values());
  }

  public List<Symptom> symptoms() {
    return List.copyOf(symptoms.values());
  }

  public List<Question> questions() {
    return List.copyOf(questions.values());
  }

  public String startQuestion() {
    return start;
  }

  public SymptomMatcher matcher() {
    return matcher;
  }

  public Optional<Configuration> configuration(String id) {
    return Optional.ofNullable(configurations.get(id));
  }

  public Optional<Symptom> symptom(String id) {
    return Optional.ofNullable(symptoms.get(id));
  }

  public Optional<Question> question(String id) {
    return Optional.ofNullable(questions.get(id));
  }

  /** Every id (configurations and symptoms), for completion. */
  public List<String> ids() {
    List<String> ids = new ArrayList<>(configurations.keySet());
    ids.addAll(symptoms.keySet());
    return ids;
  }

  /** A configuration by id, or bad input naming the option and the closest ids. */
  public Configuration requireConfiguration(String id, String option) {
    return configuration(id)
        .orElseThrow(
            () ->
                MuxlessException.badInput(
                    option + ": no configuration '" + id + "' in the knowledge base",
                    "'kb list' shows the ids" + near(id, configurations.keySet())));
  }

  /** Up to three ids sharing the most dash-separated words with the one given. */
  static String near(String id, java.util.Collection<String> ids) {
    List<String> words = Arrays.asList(id.toLowerCase(Locale.ROOT).split("-"));
    List<String> close =
        ids.stream()
            .filter(i -> shared(words, i) > 0)
            .sorted((a, b) -> Integer.compare(shared(words, b), shared(words, a)))
            .limit(3)
            .toList();
    return close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?";
  }

  private static int shared(List<String> words, String id) {
    List<String> other = Arrays.asList(id.split("-"));
    return (int) words.stream().filter(other::contains).count();
  }

  /**
   * Entries whose text contains every word of the query (case-insensitive), configurations first,
   * best (title and id hits) first.
   */
  public List<KbEntry> search(String text) {
    List<String> words =
        Arrays.stream(text.toLowerCase(Locale.ROOT).split("\\s+"))
            .filter(w -> !w.isEmpty())
            .toList();
    List<KbEntry> hits = new ArrayList<>();
    for (Configuration c : configurations.values()) {
      String head = (c.id() + " " + c.title()).toLowerCase(Locale.ROOT);
      String all =
          String.join(" ", head, c.summary(), String.join(" ", c.evidence()), c.source())
              .toLowerCase(Locale.ROOT);
      add(hits, KbEntry.of(c), words, head, all);
    }
    for (Symptom s : symptoms.values()) {
      String head = (s.id() + " " + s.title()).toLowerCase(Locale.ROOT);
      String all =
          String.join(
                  " ",
                  head,
                  s.category(),
                  s.cause(),
                  s.fix(),
                  String.join(" ", s.examples()),
                  s.source())
              .toLowerCase(Locale.ROOT);
      add(hits, KbEntry.of(s), words, head, all);
    }
    hits.sort((a, b) -> Integer.compare(b.score(), a.score()));
    return hits;
  }

  private static void add(
      List<KbEntry> hits, KbEntry e, List<String> words, String head, String all) {
    if (words.isEmpty()) {
      return;
    }
    int score = 0;
    for (String w : words) {
      if (!all.contains(w)) {
        return;
      }
      score += head.contains(w) ? 2 : 1;
    }
    hits.add(e.withScore(score));
  }
}
