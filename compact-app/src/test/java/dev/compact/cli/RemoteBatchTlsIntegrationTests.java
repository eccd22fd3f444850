package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code compact screen --batch --server https://...} against a real service serving TLS with a
 * certificate of its own: trusted through the JDK's trust store settings, the file is the local
 * command's; not trusted, it is one line and nothing written. The client runs in a process of its
 * own, since the JDK reads its trust store settings once per process.
 */
class RemoteBatchTlsIntegrationTests {
  private static final String PASSWORD = "test-only-password";

  private static ConfigurableApplicationContext service;
  private static Path dir;
  private static int port;

  @BeforeAll
  static void startService(@TempDir Path folder) throws Exception {
    dir = folder;
    // A key pair for localhost and 127.0.0.1, and a trust store holding only its certificate.
    keytool("-genkeypair", "-alias", "compact", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", dir.resolve("server.p12").toString(),
        "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
    keytool("-exportcert", "-alias", "compact", "-keystore", dir.resolve("server.p12").toString(), "-storepass", PASSWORD,
        "-file", dir.resolve("server.cer").toString());
    keytool("-importcert", "-noprompt", "-alias", "compact", "-file", dir.resolve("server.cer").toString(), "-keystore",
        dir.resolve("trust.p12").toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
    service = ServiceApplication.start("--server.port=0", "--compact.db=" + dir.resolve("tls.db"),
        "--compact.compact-dir=" + CliRun.example("kyiv-compact"), "--logging.level.root=WARN", "--spring.main.banner-mode=off",
        "--server.ssl.key-store=" + dir.resolve("server.p12"), "--server.ssl.key-store-password=" + PASSWORD,
        "--server.ssl.key-store-type=PKCS12", "--server.ssl.key-alias=compact");
    port = Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
    Files.writeString(dir.resolve("names.csv"), "name,type\nOleg Deripaska,person\nAcme Trading Corp,\n?!..,\nKhamis QADHAFI,\n");
  }

  @AfterAll
  static void stopService() {
    if (service != null) {
      service.close();
    }
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as(said).isTrue();
  }

  /** The CLI in a fresh JVM with these system properties; its exit code and what it printed. */
  private static CliRun client(List<String> properties, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(properties);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), CompactCli.class.getName()));
    command.addAll(List.of(args));
    Path err = Files.createTempFile(dir, "err-", ".txt");
    Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    return new CliRun(p.exitValue(), out, Files.readString(err));
  }

  @Test
  void screensOverTlsWithTheJdksTrustStoreAndWritesTheLocalFile() throws Exception {
    Path local = dir.resolve("local.csv");
    Path remote = dir.resolve("remote.csv");
    assertThat(CliRun.of("screen", "--batch", dir.resolve("names.csv").toString(), "--out", local.toString()).exitCode()).isZero();

    CliRun run = client(List.of("-Djavax.net.ssl.trustStore=" + dir.resolve("trust.p12"), "-Djavax.net.ssl.trustStorePassword=" + PASSWORD),
        "screen", "--batch", dir.resolve("names.csv").toString(), "--out", remote.toString(), "--server", "https://localhost:" + port);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Screened on https://localhost:" + port + " against ");
    assertThat(Files.readAllBytes(remote)).isEqualTo(Files.readAllBytes(local));
  }

  @Test
  void saysSoWhenTheCertificateIsNotTrustedAndWritesNothing() throws Exception {
    Path out = dir.resolve("untrusted.csv");

    CliRun run = client(List.of(), "screen", "--batch", dir.resolve("names.csv").toString(), "--out", out.toString(),
        "--server", "https://localhost:" + port);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("cannot reach the service at https://localhost:" + port + " over TLS", "trust store",
        "nothing was written").doesNotContain("\tat ");
    assertThat(out).doesNotExist();
  }
}
