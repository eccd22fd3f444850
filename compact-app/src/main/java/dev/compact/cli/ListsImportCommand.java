package dev.compact.cli;

import dev.compact.access.Actor;
import dev.compact.sanctions.ListFile;
import dev.compact.sanctions.ListFormat;
import dev.compact.sanctions.ListFormatException;
import dev.compact.sanctionsregister.ListVersion;
import dev.compact.sanctionsregister.ListVersions;
import dev.compact.service.InvalidInput;
import dev.compact.service.RecordService;
import dev.compact.store.Database;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code compact lists import FILE --source ofac|un|eu|uk|ftm}: records a list version in a record. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Record a version of a sanctions list in the record: its files, kept under their hashes, and one event naming them.",
        "Importing the same files again records nothing. A malformed file, or one that would drop more than 20%% of the previous",
        "version's entries (a file cut short) without --allow-shrink, is refused with its file and line, and nothing is recorded.",
        "Example: compact lists import ../shared/data/sanctions/ofac_sdn_2019 --source ofac --in-force-from 2019-01-15"})
final class ListsImportCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", description = "The list file; for OFAC its directory or its sdn.csv / cons_prim.csv (the side files next to it are taken too).")
  Path file;

  @Option(names = "--source", required = true, paramLabel = "SOURCE", description = "The list's format: ofac, un, eu, uk or ftm.")
  String source;

  @Option(names = {"--in-force-from", "--date"}, paramLabel = "YYYY-MM-DD",
      description = "From when screening as of a date uses this version. Default: the date the file states, else today.")
  LocalDate inForceFrom;

  @Option(names = "--allow-shrink", description = "Record a version that removes more than 20%% of the previous version's entries.")
  boolean allowShrink;

  @Option(names = "--allow-stale-side-rows", description = "OFAC: record a release whose alias or address file names entries after"
      + " the main file's last, ignoring those rows (check the release against the one published first: a main file cut short is"
      + " then recorded without its last entries and without an error).")
  boolean allowStaleSideRows;

  @CommandLine.Mixin RecordOptions record;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<ListFormat> format = ListFormat.parse(source);
    if (format.isEmpty()) {
      err.println("compact lists import: unknown --source '" + source + "'; use one of " + ListFormat.keywords());
      return 1;
    }
    List<ListFile> files;
    try {
      files = read(format.get().filesAt(file), err);
    } catch (ListFormatException e) {
      err.println("compact lists import: " + e.getMessage());
      err.println("compact lists import: nothing was recorded.");
      return 1;
    }
    ListVersions.Request request = new ListVersions.Request(format.get(), files, Optional.ofNullable(inForceFrom), allowShrink,
        allowStaleSideRows);
    // Read before the record is opened: opening a new record creates it with its texts (its first event), and files
    // refused for what they hold (malformed, no entries) must leave no record behind that says "nothing was recorded".
    ListVersions.Read read;
    try {
      err.println("parsing " + files.size() + " file" + (files.size() == 1 ? "" : "s") + "...");
      err.flush();
      read = ListVersions.read(request, note -> err.println("compact: note: " + note));
    } catch (InvalidInput e) {
      err.println("compact lists import: " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      // A parser's own refusal of what a file holds (an entity with a blank id) is bad input too, as it was when it was read
      // inside the record's try below (review7 L4): its message, not an internal error.
      err.println("compact lists import: " + ServeCommand.rootMessage(e) + "; nothing was recorded");
      return 1;
    }
    Optional<RecordService> opened;
    try {
      opened = record.open("compact lists import", err, false);
    } catch (dev.compact.service.WritesRefused e) {
      return RecordOptions.refused("compact lists import", e, err);
    }
    if (opened.isEmpty()) {
      return 1;
    }
    try (RecordService service = opened.get()) {
      ListVersions versions = new ListVersions(service);
      err.println("comparing with the previous version, recording...");
      err.flush();
      ListVersions.Outcome outcome = versions.importVersion(request, read, Actor.system("compact lists import"));
      ListVersion v = outcome.version();
      switch (outcome) {
        case ListVersions.Outcome.Recorded r -> {
          out.printf("recorded %s version sha256:%s%n", v.source(), v.versionHash());
          out.printf("  %s, %d entries, in force from %s%s%n", v.event().list(), v.event().entities(), v.event().inForceFrom(),
              v.event().issued() == null ? "" : " (issued " + v.event().issued() + ")");
          if (v.event().previous() != null) {
            out.printf("  against %s: added %d, removed %d, changed %d%n", v.event().previous().substring(0, 12), v.event().added(),
                v.event().removed(), v.event().changed());
          }
          out.printf("  event %d in %s%n", v.seq(), Database.redacted(record.db));
        }
        case ListVersions.Outcome.AlreadyRecorded a -> out.printf(
            "already recorded: %s version sha256:%s (event %d, in force from %s); nothing was recorded%n", v.source(), v.versionHash(),
            v.seq(), v.event().inForceFrom());
      }
      out.flush();
      return 0;
    } catch (dev.compact.service.WritesRefused e) {
      return RecordOptions.refused("compact lists import", e, err);
    } catch (InvalidInput e) {
      err.println("compact lists import: " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      err.println("compact lists import: " + ServeCommand.rootMessage(e));
      return 1;
    }
  }

  /** Reads the files with a progress bar on standard error: full lists are tens of megabytes. */
  private static List<ListFile> read(List<Path> paths, PrintWriter err) {
    long total = 0;
    for (Path p : paths) {
      try {
        total += Files.size(p);
      } catch (IOException e) {
        throw new ListFormatException(p.toString(), 0, "cannot be read: " + e.getMessage(), e);
      }
    }
    List<ListFile> files = new ArrayList<>();
    long done = 0;
    byte[] buffer = new byte[1 << 16];
    int shown = -1;
    for (Path p : paths) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (InputStream in = Files.newInputStream(p)) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          bytes.write(buffer, 0, n);
          done += n;
          int percent = total == 0 ? 100 : (int) (done * 100 / total);
          if (percent / 5 != shown) {
            shown = percent / 5;
            err.print(bar(percent, done, total, p.getFileName().toString()));
            err.flush();
          }
        }
      } catch (IOException e) {
        throw new ListFormatException(p.toString(), 0, "cannot be read: " + e.getMessage(), e);
      }
      files.add(new ListFile(p.getFileName().toString(), bytes.toByteArray()));
    }
    err.println();
    return files;
  }

  static String bar(int percent, long done, long total, String name) {
    int width = 30;
    int filled = percent * width / 100;
    return String.format(Locale.ROOT, "\rreading [%s%s] %3d%% %.1f/%.1f MB %s", "#".repeat(filled), ".".repeat(width - filled), percent,
        done / 1e6, total / 1e6, name);
  }
}
