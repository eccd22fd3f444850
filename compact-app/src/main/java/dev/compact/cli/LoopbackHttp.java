package dev.compact.cli;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A load generator's HTTP/1.1 client for the benchmarks: POSTs over keep-alive sockets, one request at a time on each,
 * with nothing but the bytes of the exchange in between (no URL parsing, header maps or selector thread), so that a
 * client on the same cores as the server takes as little of them as wrk or ab would. It reads every answer to its end
 * (by {@code Content-Length} or chunked), fails on any status but 200, and closes a connection the server says it will
 * close. Connections are pooled: a thread takes one, sends, reads, and gives it back.
 */
final class LoopbackHttp implements AutoCloseable {
  private final String host;
  private final int port;
  private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();

  LoopbackHttp(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /** Posts a JSON body to the path and reads the whole answer; returns its body. */
  byte[] post(String path, byte[] body) throws IOException {
    byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    Connection connection = idle.poll();
    boolean reused = connection != null;
    if (connection == null) {
      connection = new Connection(host, port);
    }
    Answer answer;
    try {
      answer = connection.exchange(head, body);
    } catch (IOException e) {
      connection.close();
      // The server may close a kept-alive connection while it is idle (or after its last request); a request that
      // got no byte of an answer back on such a connection is sent again on a new one. The bench only sends
      // screening requests, which change nothing, so sending one twice is harmless.
      if (!reused || connection.answered()) {
        throw e;
      }
      connection = new Connection(host, port);
      try {
        answer = connection.exchange(head, body);
      } catch (IOException | RuntimeException again) {
        connection.close();
        throw again;
      }
    } catch (RuntimeException e) {
      connection.close();
      throw e;
    }
    if (answer.close()) {
      connection.close();
    } else {
      idle.add(connection);
    }
    if (answer.status() != 200) {
      throw new IOException("HTTP " + answer.status() + " for " + new String(body, StandardCharsets.UTF_8) + ": "
          + new String(answer.body(), StandardCharsets.UTF_8));
    }
    return answer.body();
  }

  @Override
  public void close() {
    for (Connection c = idle.poll(); c != null; c = idle.poll()) {
      c.close();
    }
  }

  /** A status, a body, and whether the server closes the connection after it. */
  record Answer(int status, byte[] body, boolean close) {}

  /** One keep-alive socket with its own read buffer. */
  private static final class Connection {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;
    private boolean answered;

    Connection(String host, int port) throws IOException {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(host, port), 5_000);
      socket.setSoTimeout(60_000);
      in = socket.getInputStream();
      out = socket.getOutputStream();
    }

    /** Whether any byte of an answer to the last request came back. */
    boolean answered() {
      return answered;
    }

    Answer exchange(byte[] head, byte[] body) throws IOException {
      position = 0;
      limit = 0;
      answered = false;
      byte[] request = new byte[head.length + body.length];
      System.arraycopy(head, 0, request, 0, head.length);
      System.arraycopy(body, 0, request, head.length, body.length);
      out.write(request);
      out.flush();
      int end = headerEnd();
      String header = new String(buffer, 0, end, StandardCharsets.ISO_8859_1);
      position = end + 4;
      if (!header.startsWith("HTTP/1.1 ") || header.length() < 12) {
        throw new IOException("not an HTTP/1.1 answer: " + header.lines().findFirst().orElse(""));
      }
      int status = Integer.parseInt(header.substring(9, 12));
      long length = -1;
      boolean chunked = false;
      boolean close = false;
      for (String line : header.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon < 0) {
          continue;
        }
        String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1).trim();
        switch (name) {
          case "content-length" -> length = Long.parseLong(value);
          case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
          case "connection" -> close = value.equalsIgnoreCase("close");
          default -> { }
        }
      }
      byte[] content;
      if (chunked) {
        content = chunked();
      } else if (length >= 0) {
        content = take((int) length);
      } else {
        throw new IOException("an answer with neither Content-Length nor chunked encoding");
      }
      return new Answer(status, content, close);
    }

    /** Reads until the blank line that ends the header; returns where it starts. */
    private int headerEnd() throws IOException {
      int from = 0;
      while (true) {
        for (int i = Math.max(0, from - 3); i + 3 < limit; i++) {
          if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') {
            return i;
          }
        }
        from = limit;
        if (fill() < 0) {
          throw new EOFException(limit == 0 ? "connection closed before an answer" : "connection closed in the middle of an answer's header");
        }
      }
    }

    /** Reads more bytes after those buffered; -1 at the end of the stream. */
    private int fill() throws IOException {
      if (limit == buffer.length) {
        if (position > 0) {
          System.arraycopy(buffer, position, buffer, 0, limit - position);
          limit -= position;
          position = 0;
        } else {
          buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
        }
      }
      int n = in.read(buffer, limit, buffer.length - limit);
      if (n > 0) {
        limit += n;
        answered = true;
      }
      return n;
    }

    private byte[] take(int count) throws IOException {
      byte[] content = new byte[count];
      int have = Math.min(count, limit - position);
      System.arraycopy(buffer, position, content, 0, have);
      position += have;
      while (have < count) {
        int n = in.read(content, have, count - have);
        if (n < 0) {
          throw new EOFException("connection closed in the middle of an answer's body");
        }
        have += n;
      }
      return content;
    }

    private String line() throws IOException {
      while (true) {
        for (int i = position; i + 1 < limit; i++) {
          if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
            String line = new String(buffer, position, i - position, StandardCharsets.ISO_8859_1);
            position = i + 2;
            return line;
          }
        }
        if (fill() < 0) {
          throw new EOFException("connection closed in the middle of a chunked answer");
        }
      }
    }

    private byte[] chunked() throws IOException {
      java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
      while (true) {
        String size = line();
        int semicolon = size.indexOf(';');
        int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
        if (n == 0) {
          // Trailers, if any, end with a blank line.
          while (!line().isEmpty()) {
            // skipped
          }
          return content.toByteArray();
        }
        content.write(take(n));
        if (!line().isEmpty()) {
          throw new IOException("a chunk not followed by CRLF");
        }
      }
    }

    void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // closing a benchmark's socket: nothing to do
      }
    }
  }
}
