package dev.compact.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/**
 * The agreement language, the engine and the scenarios are a pure function of their inputs: no
 * clock, no files, no network, no database, no Spring, no threads. Replay must give the same bytes.
 */
class PureCoreTests {
  /** Every core package except {@code dev.compact.sources}, which exists to read files. */
  static final String[] PURE = {"dev.compact.agreements..", "dev.compact.commands..", "dev.compact.engine..", "dev.compact.scenarios..",
      "dev.compact.transparency.."};

  static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.compact");

  @Test
  void pureCoreNeverReadsTheClock() {
    ArchRule rule = noClasses().that().resideInAnyPackage(PURE).should()
        .callMethod(System.class, "currentTimeMillis").orShould().callMethod(System.class, "nanoTime")
        .orShould().callMethod(Instant.class, "now").orShould().callMethod(LocalDate.class, "now")
        .orShould().callMethod(LocalDateTime.class, "now").orShould().callMethod(ZonedDateTime.class, "now")
        .orShould().callMethod(OffsetDateTime.class, "now").orShould().dependOnClassesThat().areAssignableTo(Clock.class)
        .because("time is data: it arrives in events, so replay gives the same result");
    rule.check(CORE);
  }

  @Test
  void pureCoreDoesNoInputOrOutput() {
    ArchRule rule = noClasses().that().resideInAnyPackage(PURE).should().dependOnClassesThat()
        .resideInAnyPackage("java.nio.file..", "java.net..", "java.sql..", "javax.sql..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream")
        .because("the shells read files; the core receives their text");
    rule.check(CORE);
  }

  @Test
  void pureCoreKnowsNothingOfSpringOrThreads() {
    ArchRule rule = noClasses().that().resideInAnyPackage(PURE).should().dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "java.util.concurrent..")
        .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
        .orShould().callMethod(Math.class, "random")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
        .because("the core is deterministic and single-threaded; the service adds concurrency around it");
    rule.check(CORE);
  }
}
