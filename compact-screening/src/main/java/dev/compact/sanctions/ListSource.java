package dev.compact.sanctions;

import java.nio.file.Path;
import java.util.function.Consumer;

/** Where one list comes from and in which format; {@link ListLoader} loads any of them. */
public sealed interface ListSource {

  /** A short description for reports ("OFAC CSV ofac_sdn_2021"). */
  String describe();

  /** A directory of OFAC legacy CSV files ({@code sdn.csv} and siblings, or {@code cons_*.csv}). */
  record OfacDirectory(Path dir) implements ListSource {
    @Override
    public String describe() {
      return "OFAC CSV " + dir;
    }
  }

  /** A UN Security Council Consolidated List XML file. */
  record UnXml(Path file) implements ListSource {
    @Override
    public String describe() {
      return "UN XML " + file;
    }
  }

  /** A FollowTheMoney JSON-lines file. */
  record FtmJson(Path file) implements ListSource {
    @Override
    public String describe() {
      return "FtM JSON " + file;
    }
  }

  /** An EU financial sanctions file (FSF) in its CSV form. */
  record EuCsv(Path file) implements ListSource {
    @Override
    public String describe() {
      return "EU FSF CSV " + file;
    }
  }

  /** A UK consolidated list (OFSI/FCDO) CSV file. */
  record UkCsv(Path file) implements ListSource {
    @Override
    public String describe() {
      return "UK CSV " + file;
    }
  }

  /** Loads this source; any problem with the file is a {@link ListFormatException}. */
  default SanctionsList load(Consumer<String> notes) {
    return switch (this) {
      case OfacDirectory(Path dir) -> OfacCsvImporter.loadDirectory(dir, notes);
      case UnXml(Path file) -> UnXmlImporter.load(file);
      case FtmJson(Path file) -> FtmImporter.load(file, notes);
      case EuCsv(Path file) -> EuFsfImporter.load(file);
      case UkCsv(Path file) -> UkConsolidatedImporter.load(file);
    };
  }
}
