package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the launcher {@code ./compact} gives the JVM. On JDK 24 and newer, sqlite-jdbc's loading of its
 * native library is a restricted method, and without native access enabled every database command
 * printed four lines of warnings on its error stream, where the commands say which record and lists
 * answered.
 */
class LauncherTests {
  private static final String NATIVE_ACCESS = "System.out.println(\"native access: \" + Probe.class.getModule().isNativeAccessEnabled());";
  @TempDir Path dir;

  @Test
  void theLauncherEnablesNativeAccessForTheClassPath() throws Exception {
    assumeTrue(Runtime.version().feature() >= 24, "the warning and the flag's need come with JDK 24");
    // A stand-in for the CLI's jar (COMPACT_JAR, as benchmarks run a given jar): it says whether its code may call native methods.
    Path jar = probeJar(dir, NATIVE_ACCESS);

    ProcessBuilder builder = new ProcessBuilder(CliRun.root().resolve("compact").toString(), "verify", "--db", "x.db").redirectErrorStream(true)
        .directory(dir.toFile());
    builder.environment().put("COMPACT_JAR", jar.toString());
    builder.environment().put("COMPACT_CACHE", "off");
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().remove("COMPACT_JAVA_OPTS");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();

    assertThat(output).contains("native access: true");
  }

  /**
   * serve and demo had no heap cap: the JVM took a quarter of the machine (6 GB here) and a demo grew
   * to 6.3 GB under a burst of reads before the kernel killed it. They now get 1 GB unless the user
   * sizes the heap (COMPACT_JAVA_OPTS, or the JVM's own JDK_JAVA_OPTIONS); other commands are left
   * to the JVM's default.
   */
  @Test
  void serveAndDemoGetAOneGigabyteHeapUnlessTheUserSizesIt() throws Exception {
    Path jar = probeJar(dir, "System.out.println(\"max heap MB: \" + Runtime.getRuntime().maxMemory() / (1024 * 1024)"
        + " + \", arguments: \" + java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());");

    String serve = heapLine(jar, Map.of(), "serve");
    String demo = heapLine(jar, Map.of(), "demo", "--port", "0");
    String ownHeap = heapLine(jar, Map.of("COMPACT_JAVA_OPTS", "-Xmx256m"), "serve");
    String jvmVariable = heapLine(jar, Map.of("JDK_JAVA_OPTIONS", "-Xmx320m"), "demo");
    String initialOnly = heapLine(jar, Map.of("COMPACT_JAVA_OPTS", "-Xms1200m"), "serve");

    assertThat(serve).contains("-Xmx1g");
    assertThat(maxHeapMegabytes(serve)).isBetween(900L, 1024L);
    assertThat(maxHeapMegabytes(demo)).isBetween(900L, 1024L);
    assertThat(heapLine(jar, Map.of(), "verify")).startsWith("max heap MB: ").doesNotContain("-Xmx");
    assertThat(ownHeap).doesNotContain("-Xmx1g");
    assertThat(maxHeapMegabytes(ownHeap)).isBetween(200L, 256L);
    assertThat(jvmVariable).doesNotContain("-Xmx1g");
    assertThat(maxHeapMegabytes(jvmVariable)).isBetween(250L, 320L);
    assertThat(initialOnly).as("an -Xms over 1 GB must not meet a cap below it (the JVM would refuse to start)")
        .startsWith("max heap MB: ").doesNotContain("-Xmx1g");
  }

  /** The JVM's maximum heap as the probe printed it (a little under -Xmx with a collector that keeps a survivor space apart). */
  private static long maxHeapMegabytes(String line) {
    assertThat(line).startsWith("max heap MB: ");
    return Long.parseLong(line.substring("max heap MB: ".length(), line.indexOf(',')));
  }

  /** The probe's line, run through the launcher with {@code env} added. */
  private String heapLine(Path jar, Map<String, String> env, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(CliRun.root().resolve("compact").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().put("COMPACT_JAR", jar.toString());
    builder.environment().put("COMPACT_CACHE", "off");
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    for (String inherited : List.of("COMPACT_JAVA_OPTS", "JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS")) {
      builder.environment().remove(inherited);
    }
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
    return output.lines().filter(line -> line.startsWith("max heap MB: ")).findFirst().orElse(output);
  }

  /** A runnable jar whose main method runs {@code body}. */
  private static Path probeJar(Path dir, String body) throws Exception {
    Path source = dir.resolve("Probe.java");
    Files.writeString(source, "public class Probe { public static void main(String[] a) { " + body + " } }");
    assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.toString(), source.toString())).isZero();
    Path jar = dir.resolve("probe.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Probe");
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
      out.putNextEntry(new JarEntry("Probe.class"));
      out.write(Files.readAllBytes(dir.resolve("Probe.class")));
      out.closeEntry();
    }
    return jar;
  }

  /**
   * The jar moved aside before a rebuild ({@code compact.jar.previous}, 86 MB) was left behind for
   * ever. It must stay while a process started before the build (a serve or demo) still has it open,
   * and go once none has: after the build, or when the next serve, demo or bench starts. A copy of
   * the launcher in a checkout of its own, with a stand-in for Maven that "builds" the probe jar.
   */
  @Test
  void theJarMovedAsideForABuildGoesOnceNoProcessHasItOpen() throws Exception {
    assumeTrue(Runtime.version().feature() >= 22, "the probe asks about native access, which JDK 22 brought");
    Path probe = probeJar(dir, NATIVE_ACCESS);
    Path root = Files.createDirectories(dir.resolve("checkout"));
    Files.copy(CliRun.root().resolve("compact"), root.resolve("compact"));
    Files.createDirectories(root.resolve("scripts"));
    for (String script : List.of("jdk.sh", "jvm-cache.sh")) {
      Files.copy(CliRun.root().resolve("scripts").resolve(script), root.resolve("scripts").resolve(script));
    }
    Files.writeString(root.resolve("pom.xml"), "<project/>");
    for (String module : List.of("compact-core", "compact-screening", "compact-service", "compact-app")) {
      Files.createDirectories(root.resolve(module).resolve("src/main"));
      Files.writeString(root.resolve(module).resolve("pom.xml"), "<project/>");
    }
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path mvn = Files.writeString(bin.resolve("mvn"), "#!/bin/sh\nmkdir -p compact-app/target && cp '" + probe + "' compact-app/target/compact.jar\n");
    assertThat(mvn.toFile().setExecutable(true)).isTrue();
    Path jar = Files.createDirectories(root.resolve("compact-app/target")).resolve("compact.jar");
    Path previous = jar.resolveSibling("compact.jar.previous");

    // A service started before the build holds the old jar open; then the sources change and a short command rebuilds.
    Files.copy(probe, jar);
    Process holder = new ProcessBuilder("bash", "-c", "exec 3<\"$0\"; echo open; read line", jar.toString()).start();
    try {
      assertThat(new String(holder.getInputStream().readNBytes(5), StandardCharsets.UTF_8)).isEqualTo("open\n");
      stale(jar);
      assertThat(launch(root, bin, "verify")).contains("native access:");
      assertThat(previous).as("still open in the running service").exists();
      assertThat(launch(root, bin, "serve")).contains("native access:");
      assertThat(previous).as("still open when the next serve starts beside it").exists();
    } finally {
      holder.getOutputStream().close();
      assertThat(holder.waitFor(1, TimeUnit.MINUTES)).isTrue();
    }
    // The old service stopped; a short command leaves the file alone, the next serve removes it.
    launch(root, bin, "verify");
    assertThat(previous).exists();
    launch(root, bin, "serve");
    assertThat(previous).doesNotExist();

    // With no process holding it, the jar moved aside goes as soon as the build has written the new one.
    stale(jar);
    // It promised "about a minute" for a first build that takes about four on two free cores (audit5 C14): it says what
    // README says now.
    assertThat(launch(root, bin, "verify")).contains("compact: building (first run or sources changed; a first build takes a few minutes)");
    assertThat(Files.readString(CliRun.root().resolve("README.md"))).contains("The first `./compact` call builds the project (a few minutes");
    assertThat(previous).doesNotExist();
    assertThat(jar).exists();
  }

  /** Makes the jar older than the checkout's sources, as after a pull. */
  private static void stale(Path jar) throws Exception {
    Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
  }

  private static String launch(Path root, Path bin, String command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(root.resolve("compact").toString(), command).redirectErrorStream(true)
        .directory(root.toFile());
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    builder.environment().put("COMPACT_CACHE", "off");
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().remove("COMPACT_JAR");
    builder.environment().remove("COMPACT_JAVA_OPTS");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }
}
