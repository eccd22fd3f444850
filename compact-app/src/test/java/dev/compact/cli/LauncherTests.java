package dev.compact.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
  @TempDir Path dir;

  @Test
  void theLauncherEnablesNativeAccessForTheClassPath() throws Exception {
    assumeTrue(Runtime.version().feature() >= 24, "the warning and the flag's need come with JDK 24");
    // A stand-in for the CLI's jar (COMPACT_JAR, as benchmarks run a given jar): it says whether its code may call native methods.
    Path source = dir.resolve("Probe.java");
    Files.writeString(source, "public class Probe { public static void main(String[] a) {"
        + " System.out.println(\"native access: \" + Probe.class.getModule().isNativeAccessEnabled()); } }");
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
}
