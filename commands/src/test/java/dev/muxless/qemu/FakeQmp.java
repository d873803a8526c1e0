package dev.muxless.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A QMP server for tests on a unix socket: greets, then answers each command from a table of reply
 * templates ({@code "{\"return\": {}}"}); "ID" in a template is replaced with the request's id, and
 * a template without "ID" is sent as is (an error without an id, as qemu sends for input it cannot
 * parse). Unknown commands get {@code {"return": {}}}. Records the commands it saw.
 */
final class FakeQmp implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  final List<String> commands = new CopyOnWriteArrayList<>();
  private final ServerSocketChannel server;
  private final Thread thread;

  FakeQmp(Path socket, Map<String, String> replies) throws IOException {
    Files.deleteIfExists(socket);
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    thread =
        new Thread(
            () -> {
              while (server.isOpen()) {
                try (SocketChannel c = server.accept()) {
                  serve(c, replies);
                } catch (IOException e) {
                  return;
                }
              }
            },
            "fake-qmp");
    thread.setDaemon(true);
    thread.start();
  }

  private void serve(SocketChannel c, Map<String, String> replies) throws IOException {
    send(c, "{\"QMP\": {\"version\": {\"qemu\": {\"major\": 9, \"minor\": 0, \"micro\": 0}}}}");
    BufferedReader in =
        new BufferedReader(
            new InputStreamReader(Channels.newInputStream(c), StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      JsonNode req = JSON.readTree(line);
      String cmd = req.path("execute").asText();
      commands.add(cmd);
      String reply = replies.getOrDefault(cmd, "{\"return\": {}, \"id\": ID}");
      send(c, reply.replace("ID", req.path("id").toString()));
    }
  }

  private static void send(SocketChannel c, String line) throws IOException {
    ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
    while (b.hasRemaining()) {
      c.write(b);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
