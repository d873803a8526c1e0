package dev.muxless.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.muxless.core.Json;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** docs/vm-profile.schema.json documents exactly the keys the reader accepts, at every level. */
class ProfileSchemaTest {

  @Test
  void schemaKeysMatchTheProfileRecords() throws Exception {
    String dir = System.getProperty("muxless.projectDir");
    Assumptions.assumeTrue(dir != null, "muxless.projectDir not set");
    Path schema = Path.of(dir, "docs/vm-profile.schema.json");
    JsonNode root = Json.mapper().readTree(Files.readString(schema));
    compare(root, VmProfile.class, "");
  }

  private static void compare(JsonNode node, Class<?> record, String at) {
    JsonNode props = node.path("properties");
    List<String> documented = new ArrayList<>();
    props.fieldNames().forEachRemaining(documented::add);
    List<String> accepted = new ArrayList<>();
    for (RecordComponent c : record.getRecordComponents()) {
      accepted.add(c.getName());
    }
    assertThat(documented)
        .as("keys of %s", at.isEmpty() ? "the profile" : at)
        .containsExactlyInAnyOrderElementsOf(accepted);
    assertThat(node.path("additionalProperties").asBoolean(true)).as(at).isFalse();
    for (RecordComponent c : record.getRecordComponents()) {
      Class<?> nested = nestedRecord(c.getGenericType());
      if (nested != null) {
        JsonNode child = props.path(c.getName());
        if (child.path("type").asText().equals("array")) {
          child = child.path("items");
        }
        compare(child, nested, at + "." + c.getName());
      }
    }
  }

  private static Class<?> nestedRecord(Type t) {
    if (t instanceof Class<?> c && c.isRecord()) {
      return c;
    }
    if (t instanceof ParameterizedType p
        && p.getActualTypeArguments()[0] instanceof Class<?> c
        && c.isRecord()) {
      return c;
    }
    return null;
  }
}
