package dev.muxless.kb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every knowledge-base file validates against its JSON Schema (draft 2020-12). */
class KnowledgeBaseSchemaTest {
  static Path kbDir() {
    return Path.of(System.getProperty("muxless.projectDir", "..")).resolve("knowledge-base");
  }

  @ParameterizedTest
  @ValueSource(strings = {"configurations", "symptoms", "troubleshoot"})
  void fileValidatesAgainstItsSchema(String name) throws Exception {
    ObjectMapper m = new ObjectMapper();
    JsonNode schemaNode =
        m.readTree(Files.readString(kbDir().resolve("schema/" + name + ".schema.json")));
    JsonSchema schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode);
    JsonNode data = m.readTree(Files.readString(kbDir().resolve(name + ".json")));
    Set<ValidationMessage> errors = schema.validate(data);
    assertThat(errors).as(name + ".json").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"configurations", "symptoms", "troubleshoot"})
  void schemaRejectsAnUnknownField(String name) throws Exception {
    ObjectMapper m = new ObjectMapper();
    JsonNode schemaNode =
        m.readTree(Files.readString(kbDir().resolve("schema/" + name + ".schema.json")));
    JsonSchema schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode);
    var data =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            m.readTree(Files.readString(kbDir().resolve(name + ".json")));
    data.put("surprise", 1);
    assertThat(schema.validate(data))
        .extracting(ValidationMessage::getMessage)
        .anyMatch(msg -> msg.contains("surprise"));
  }

  @org.junit.jupiter.api.Test
  void packagedResourcesAreTheSameFilesAsTheSourceDirectory() throws Exception {
    for (String f : KnowledgeBase.FILES) {
      try (var in = KnowledgeBase.class.getResourceAsStream(KnowledgeBase.RESOURCES + f)) {
        assertThat(in).as(f).isNotNull();
        assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
            .isEqualTo(Files.readString(kbDir().resolve(f)));
      }
    }
  }
}
