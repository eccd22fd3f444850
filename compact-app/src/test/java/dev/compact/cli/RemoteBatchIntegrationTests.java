package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import dev.compact.access.Accounts;
import dev.compact.sanctions.EntityName;
import dev.compact.sanctions.ListLoader;
import dev.compact.sanctions.SanctionedEntity;
import dev.compact.sanctions.SanctionsList;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code compact screen --batch --server} against a real service on a free port, with the bundled
 * lists (its record holds no list version): the file it writes must be the local command's, byte
 * for byte, and every way it can fail must say why and write nothing.
 */
class RemoteBatchIntegrationTests {

  private static ConfigurableApplicationContext service;
  private static String url;
  private static Path batch;

  @BeforeAll
  static void startService(@TempDir Path dir) throws IOException {
    service = ServiceApplication.start("--server.port=0", "--compact.db=" + dir.resolve("remote.db"),
        "--compact.compact-dir=" + CliRun.example("kyiv-compact"), "--logging.level.root=WARN", "--spring.main.banner-mode=off");
    url = "http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port");
    batch = dir.resolve("names.csv");
    Files.writeString(batch, names());
  }

  @AfterAll
  static void stopService() {
    if (service != null) {
      service.close();
    }
  }

  /**
   * Over a thousand rows (several requests): listed names as listed and reordered, their aliases,
   * names in other scripts, invented names, qualifiers that confirm or weaken, and every kind of row
   * the matcher or the reader refuses.
   */
  private static String names() {
    StringBuilder csv = new StringBuilder("name,type,dob,country,id\n");
    int i = 0;
    for (SanctionsList list : ListLoader.bundled()) {
      for (SanctionedEntity e : list.entities()) {
        if (i++ % 23 != 0 && !(e.names().stream().anyMatch(EntityName::originalScript) && i % 3 == 0)) {
          continue;
        }
        String type = switch (e.schema()) {
          case PERSON -> "person";
          case VESSEL -> "vessel";
          default -> i % 2 == 0 ? "company" : "";
        };
        String dob = e.birthDates().isEmpty() || i % 4 != 0 ? "" : e.birthDates().getFirst().toString();
        row(csv, e.primaryName().full(), type, dob, i % 7 == 0 ? "RU" : "", "");
        EntityName other = e.names().getLast();
        row(csv, other.full(), "", "", "", i % 11 == 0 ? "passport:AB" + i + ";imo:9187629" : "");
        String[] words = e.primaryName().full().split(" ");
        if (words.length > 1) {
          row(csv, words[words.length - 1] + " " + String.join(" ", java.util.Arrays.copyOf(words, words.length - 1)), type, "", "", "");
        }
      }
    }
    for (String invented : List.of("Maria Karimi", "Hana Zhang", "Acme Trading Corp", "Владимир Путин", "金正恩", "Oleg Deripaska",
        "محمد علي", "Ivan Ivanovich Ivanov", "Northern Star Shipping LLC")) {
      row(csv, invented, "", "", "", "");
    }
    row(csv, "", "person", "", "", "");
    row(csv, "   ", "", "", "", "");
    row(csv, "?!..,,", "", "", "", "");
    row(csv, "Mr. Ltd.", "company", "", "", "");
    row(csv, "Oleg Deripaska", "planet", "", "", "");
    row(csv, "Oleg Deripaska", "person", "soon", "Narnia", "passport");
    row(csv, "a".repeat(301), "", "", "", "");
    row(csv, "a".repeat(301), "", "1965-13-40", "", "");
    row(csv, "Line\nbreak, \"quoted\"", "", "", "", "");
    return csv.toString();
  }

  private static void row(StringBuilder csv, String... cells) {
    csv.append(ScreenCommand.csvLine(List.of(cells)));
  }

  @Test
  void writesTheLocalCommandsFileByteForByte(@TempDir Path dir) throws IOException {
    for (String limit : List.of("5", "2")) {
      Path local = dir.resolve("local-" + limit + ".csv");
      Path remote = dir.resolve("remote-" + limit + ".csv");

      CliRun here = CliRun.of("screen", "--batch", batch.toString(), "--out", local.toString(), "--limit", limit);
      CliRun there = CliRun.of("screen", "--batch", batch.toString(), "--out", remote.toString(), "--limit", limit, "--server", url);

      assertThat(here.exitCode()).as(here.err()).isZero();
      assertThat(there.exitCode()).as(there.err()).isZero();
      assertThat(Files.readString(local)).contains(",ALERT,", ",REVIEW,", ",NONE,", ",REJECTED,");
      assertThat(Files.readAllBytes(remote)).as("the file written through the service").isEqualTo(Files.readAllBytes(local));
      assertThat(there.out()).contains("Screened on " + url + " against OFAC SDN ", "UN Security Council Consolidated List ")
          .contains(here.out().lines().filter(l -> l.startsWith("Screened ")).findFirst().orElseThrow().replace(local.toString(), remote.toString()));
    }
    // A process of its own goes through main, which reads this command line without picocli (ServerBatchArgs):
    // the same file and the same words.
    Path fresh = dir.resolve("fresh.csv");
    CliRun there = CliRun.of("screen", "--batch", batch.toString(), "--out", dir.resolve("remote-5.csv").toString(), "--server", url);
    CliRun process = CliRun.in(dir, "screen", "--batch", batch.toString(), "--out", fresh.toString(), "--server", url);

    assertThat(process.exitCode()).as(process.err()).isZero();
    assertThat(Files.readAllBytes(fresh)).isEqualTo(Files.readAllBytes(dir.resolve("local-5.csv")));
    assertThat(process.out()).isEqualTo(there.out().replace(dir.resolve("remote-5.csv").toString(), fresh.toString()));
  }

  @Test
  void triesADroppedRequestAgainAndWritesEachRowOnce(@TempDir Path dir) throws IOException, InterruptedException {
    Path local = dir.resolve("local.csv");
    Path remote = dir.resolve("remote.csv");
    assertThat(CliRun.of("screen", "--batch", batch.toString(), "--out", local.toString()).exitCode()).isZero();

    // The first two connections reach the service, which screens the request, but the answer never comes back.
    try (DroppingProxy proxy = new DroppingProxy(Integer.parseInt(url.substring(url.lastIndexOf(':') + 1)), 2)) {
      CliRun there = CliRun.of("screen", "--batch", batch.toString(), "--out", remote.toString(), "--server", proxy.url());

      assertThat(there.exitCode()).as(there.err()).isZero();
      assertThat(proxy.dropped.get()).isEqualTo(2);
    }
    assertThat(Files.readAllBytes(remote)).isEqualTo(Files.readAllBytes(local));
  }

  @Test
  void saysWhenTheServiceCannotBeReachedAndWritesNothing(@TempDir Path dir) throws IOException {
    int closed;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = free.getLocalPort();
    }
    Path out = dir.resolve("out.csv");

    CliRun run = CliRun.of("screen", "--batch", batch.toString(), "--out", out.toString(), "--server", "http://127.0.0.1:" + closed);
    CliRun unknown = CliRun.of("screen", "--batch", batch.toString(), "--out", out.toString(), "--server", "https://compact.invalid");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("cannot reach the service at http://127.0.0.1:" + closed, "connection refused",
        "nothing was written").doesNotContain("Exception", "\tat ");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("unknown host compact.invalid");
    assertThat(out).doesNotExist();
  }

  @Test
  void saysWhenTheAddressIsNotACompactService(@TempDir Path dir) {
    Path out = dir.resolve("out.csv");

    // Under a wrong path the POST reaches the dashboard (403 without its form token) or the API's write routes (401).
    CliRun dashboard = CliRun.of("screen", "--batch", batch.toString(), "--out", out.toString(), "--server", url + "/elsewhere");
    CliRun api = CliRun.of("screen", "--batch", batch.toString(), "--out", out.toString(), "--server", url + "/api/v2");

    assertThat(dashboard.exitCode()).isEqualTo(1);
    assertThat(dashboard.err()).contains("refused POST /api/screen/batch/rows (HTTP 403", "check the address");
    assertThat(api.exitCode()).isEqualTo(1);
    assertThat(api.err()).contains("refused POST /api/screen/batch/rows (HTTP 401", "check the address");
    assertThat(out).doesNotExist();
  }

  @Test
  void checksATokenOnceAndNeverPrintsIt(@TempDir Path dir) throws IOException {
    Accounts accounts = service.getBean(Accounts.class);
    String name = "screening-desk";
    accounts.add(name, List.of("observer"));
    String good = accounts.issue(name, Duration.ofDays(1)).token();
    String bad = good.substring(0, good.length() - 4) + "AAAA";
    Path goodFile = Files.writeString(dir.resolve("good.token"), good + "\n");
    Path badFile = Files.writeString(dir.resolve("bad.token"), bad);
    Path out = dir.resolve("out.csv");

    CliRun refused = CliRun.of("screen", "--batch", batch.toString(), "--out", out.toString(), "--server", url, "--token-file", badFile.toString());
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("refused the API token (HTTP 401", "nothing was written").doesNotContain(bad, good);
    assertThat(out).doesNotExist();

    CliRun accepted = CliRun.of("screen", "--batch", batch.toString(), "--out", out.toString(), "--server", url, "--token-file", goodFile.toString());
    assertThat(accepted.exitCode()).as(accepted.err()).isZero();
    assertThat(accepted.out() + accepted.err()).doesNotContain(good);

    // A token goes in the clear only to this machine.
    CliRun plain = CliRun.of("screen", "--batch", batch.toString(), "--out", out.toString(), "--server", "http://compact.invalid:8080",
        "--token-file", goodFile.toString());
    assertThat(plain.exitCode()).isEqualTo(1);
    assertThat(plain.err()).contains("sent only over https://").doesNotContain(good);
  }

  @Test
  void refusesWhatOnlyTheLocalCommandDoes(@TempDir Path dir) {
    String out = dir.resolve("out.csv").toString();

    CliRun lists = CliRun.of("screen", "--batch", batch.toString(), "--out", out, "--server", url, "--un", "un.xml");
    CliRun oneName = CliRun.of("screen", "Oleg Deripaska", "--server", url);
    CliRun limit = CliRun.of("screen", "--batch", batch.toString(), "--out", out, "--server", url, "--limit", "101");
    CliRun password = CliRun.of("screen", "--batch", batch.toString(), "--out", out, "--server", "https://me:secret@compact.invalid");
    CliRun tokenAlone = CliRun.of("screen", "--batch", batch.toString(), "--out", out, "--token-file", "t");

    assertThat(lists.err()).contains("cannot be combined with --un");
    assertThat(oneName.err()).contains("--server screens a --batch IN.csv --out OUT.csv");
    assertThat(limit.err()).contains("--limit must be from 1 to 100");
    assertThat(password.err()).contains("must not hold a user name or password").doesNotContain("secret");
    assertThat(tokenAlone.err()).contains("--server screens a --batch");
    assertThat(List.of(lists, oneName, limit, password, tokenAlone)).allSatisfy(r -> assertThat(r.exitCode()).isEqualTo(1));
    assertThat(Path.of(out)).doesNotExist();
  }

  /**
   * A proxy in front of the service that passes the first {@code drops} connections' requests on and
   * then closes them without an answer (the service has screened them: only the answer is lost), and
   * pipes every later connection through.
   */
  private static final class DroppingProxy implements AutoCloseable {
    final AtomicInteger dropped = new AtomicInteger();
    private final ServerSocket socket;
    private final Thread acceptor;

    DroppingProxy(int upstream, int drops) throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      acceptor = Thread.ofPlatform().daemon().start(() -> {
        AtomicInteger seen = new AtomicInteger();
        while (!socket.isClosed()) {
          try {
            Socket client = socket.accept();
            Socket server = new Socket(InetAddress.getLoopbackAddress(), upstream);
            if (seen.getAndIncrement() < drops) {
              Thread.ofPlatform().daemon().start(() -> dropAfterForwarding(client, server));
            } else {
              Thread.ofPlatform().daemon().start(() -> pipe(client, server));
              Thread.ofPlatform().daemon().start(() -> pipe(server, client));
            }
          } catch (IOException e) {
            return;
          }
        }
      });
    }

    String url() {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }

    private void dropAfterForwarding(Socket client, Socket server) {
      try (client; server) {
        byte[] request = readRequest(client.getInputStream());
        server.getOutputStream().write(request);
        server.getOutputStream().flush();
        // The first byte of the answer: the service has screened the request.
        if (server.getInputStream().read() >= 0) {
          dropped.incrementAndGet();
        }
        client.setSoLinger(true, 0);
      } catch (IOException e) {
        // The client went away first: nothing to drop.
      }
    }

    /** One HTTP/1.1 request with a Content-Length body, read whole. */
    private static byte[] readRequest(InputStream in) throws IOException {
      java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
      int matched = 0;
      while (matched < 4) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("closed");
        }
        head.write(b);
        matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      String headers = head.toString(StandardCharsets.ISO_8859_1);
      int length = headers.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-length:"))
          .mapToInt(l -> Integer.parseInt(l.substring(l.indexOf(':') + 1).strip())).findFirst().orElse(0);
      head.write(in.readNBytes(length));
      return head.toByteArray();
    }

    private static void pipe(Socket from, Socket to) {
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        in.transferTo(out);
      } catch (IOException e) {
        // One side closed: so does the other.
      } finally {
        try {
          from.close();
          to.close();
        } catch (IOException e) {
          // Already closed.
        }
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
      acceptor.interrupt();
    }
  }
}
