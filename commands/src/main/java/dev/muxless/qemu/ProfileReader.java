package dev.muxless.qemu;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.muxless.core.MuxlessException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads a VM profile strictly: unknown keys, duplicate keys, wrong JSON types (no string-to-number
 * coercion) and trailing content are errors naming the field and, from Jackson's {@link
 * JsonLocation}, the line and column. The structure is then checked by {@link ProfileValidator} and
 * relative paths resolved against the profile's directory.
 */
public final class ProfileReader {
  private static final ObjectMapper STRICT = strictMapper();

  private ProfileReader() {}

  static ObjectMapper strictMapper() {
    JsonMapper m =
        JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
    // "4096" for a number and 4096 for a string are type errors in a profile, not conveniences.
    m.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    m.coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    m.coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    return m;
  }

  /** Reads, validates and resolves a profile file. */
  public static VmProfile read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw MuxlessException.badInput(
          file + ": no such profile", "create one with 'vm init --out " + file + "'");
    } catch (IOException e) {
      throw MuxlessException.badInput(
          file + ": cannot read: " + e.getMessage(), "check the path and its permissions");
    }
    VmProfile p = parse(text, file.toString());
    Path dir = file.toAbsolutePath().getParent();
    return ProfilePaths.resolve(p, dir);
  }

  /** Parses and validates profile text; name is used in messages. Paths are left as written. */
  public static VmProfile parse(String text, String name) {
    if (text.isBlank()) {
      throw MuxlessException.badInput(
          name + ": the profile is empty", "a profile is a JSON object; see docs/vm.md");
    }
    VmProfile p;
    try {
      p = STRICT.readValue(text, VmProfile.class);
    } catch (UnrecognizedPropertyException e) {
      String known =
          e.getKnownPropertyIds().stream()
              .map(Object::toString)
              .collect(Collectors.toCollection(TreeSet::new))
              .stream()
              .collect(Collectors.joining(", "));
      throw MuxlessException.badInput(
          name
              + at(keyLocation(text, e.getPath(), e.getLocation()))
              + ": unknown key '"
              + field(e.getPath())
              + "'",
          "known keys here: " + known);
    } catch (InvalidFormatException e) {
      throw MuxlessException.badInput(
          name
              + at(e.getLocation())
              + ": field '"
              + field(e.getPath())
              + "': "
              + describe(e.getValue())
              + " is not "
              + article(typeName(e.getTargetType())),
          "see docs/vm-profile.schema.json for the type of each field");
    } catch (MismatchedInputException e) {
      String f = field(e.getPath());
      String what =
          f.isEmpty()
              ? "the profile must be a JSON object"
              : "field '" + f + "' must be " + article(typeName(e.getTargetType()));
      throw MuxlessException.badInput(
          name + at(e.getLocation()) + ": " + what,
          "see docs/vm-profile.schema.json for the type of each field");
    } catch (JsonParseException e) {
      throw MuxlessException.badInput(
          name + at(e.getLocation()) + ": JSON syntax error: " + e.getOriginalMessage(),
          "fix the JSON at that line and column (a missing comma, quote or brace)");
    } catch (JsonMappingException e) {
      throw MuxlessException.badInput(
          name
              + at(e.getLocation())
              + ": field '"
              + field(e.getPath())
              + "': "
              + e.getOriginalMessage(),
          "see docs/vm-profile.schema.json");
    } catch (IOException e) {
      throw MuxlessException.badInput(name + ": " + e.getMessage(), "see docs/vm.md");
    }
    if (p == null) {
      throw MuxlessException.badInput(
          name + ": the profile is null", "a profile is a JSON object; see docs/vm.md");
    }
    ProfileValidator.validate(p, name);
    return p;
  }

  /** The JSON text of a profile, in the documented key order. */
  public static String write(VmProfile p) {
    try {
      return dev.muxless.core.Json.mapper().writeValueAsString(p) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Where the key at path starts. Jackson buffers a record's properties until the object ends, so
   * the exception's own location is the closing brace; a second streaming pass finds the key.
   */
  static JsonLocation keyLocation(
      String text, List<JsonMappingException.Reference> path, JsonLocation fallback) {
    try (JsonParser p = STRICT.getFactory().createParser(text)) {
      java.util.ArrayDeque<Object> at = new java.util.ArrayDeque<>();
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        switch (t) {
          case FIELD_NAME -> {
            if (matches(at, p.currentName(), path)) {
              return p.currentTokenLocation();
            }
          }
          case START_OBJECT, START_ARRAY -> {
            Object key = p.getParsingContext().getParent() == null ? null : parentKey(p);
            at.addLast(key == null ? "" : key);
          }
          case END_OBJECT, END_ARRAY -> {
            at.pollLast();
          }
          default -> {}
        }
      }
    } catch (IOException e) {
      // fall back to Jackson's location
    }
    return fallback;
  }

  private static Object parentKey(JsonParser p) {
    var parent = p.getParsingContext().getParent();
    if (parent.inObject()) {
      return parent.getCurrentName();
    }
    return parent.inArray() ? (Object) parent.getCurrentIndex() : null;
  }

  private static boolean matches(
      java.util.ArrayDeque<Object> at, String key, List<JsonMappingException.Reference> path) {
    if (path.isEmpty() || !key.equals(path.get(path.size() - 1).getFieldName())) {
      return false;
    }
    List<Object> open = new java.util.ArrayList<>(at);
    open.remove(0); // the root object has no key
    if (open.size() != path.size() - 1) {
      return false;
    }
    for (int i = 0; i < open.size(); i++) {
      JsonMappingException.Reference r = path.get(i);
      Object want = r.getFieldName() != null ? r.getFieldName() : (Object) r.getIndex();
      if (!want.equals(open.get(i))) {
        return false;
      }
    }
    return true;
  }

  static String at(JsonLocation loc) {
    if (loc == null || loc.getLineNr() < 0) {
      return "";
    }
    return " line " + loc.getLineNr() + " column " + loc.getColumnNr();
  }

  /** gpu.romfile, disks[0].file */
  static String field(List<JsonMappingException.Reference> path) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : path) {
      if (r.getFieldName() != null) {
        if (b.length() > 0) {
          b.append('.');
        }
        b.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.toString();
  }

  private static String describe(Object v) {
    return v instanceof String ? "'" + v + "'" : String.valueOf(v);
  }

  private static String typeName(Class<?> t) {
    if (t == null) {
      return "value";
    }
    if (t == Integer.class || t == int.class || t == Long.class) {
      return "integer";
    }
    if (t == Boolean.class || t == boolean.class) {
      return "boolean (true or false)";
    }
    if (t == String.class) {
      return "string";
    }
    if (List.class.isAssignableFrom(t)) {
      return "array";
    }
    return "object";
  }

  private static String article(String type) {
    return (type.startsWith("a") || type.startsWith("i") || type.startsWith("o") ? "an " : "a ")
        + type;
  }
}
