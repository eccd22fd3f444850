package dev.compact.screening;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/**
 * The matcher is a pure function of the query, the index and the algorithm version: the same
 * query on the same lists gives the same score on every machine and every day, which is what
 * makes a stored hit reproducible. Its data tables are code (classpath resources read once), never
 * files, the network or the clock. Per-thread scratch space and caches are allowed: they change no
 * result.
 */
class ScreeningPurityTests {

  static final JavaClasses MATCHER = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.compact.screening");

  @Test
  void neverReadsTheClock() {
    noClasses().should().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().callMethod(Instant.class, "now").orShould().callMethod(LocalDate.class, "now")
        .orShould().callMethod(LocalDateTime.class, "now")
        .orShould().dependOnClassesThat().areAssignableTo(Clock.class)
        .because("a score must not depend on when it is computed")
        .check(MATCHER);
  }

  @Test
  void readsNoFilesAndNoNetwork() {
    noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("java.nio.file..", "java.net..", "java.sql..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
        .because("the shells read files; the matcher receives their content")
        .check(MATCHER);
  }

  @Test
  void knowsNothingOfSpringOrChance() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
        .orShould().callMethod(Math.class, "random")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
        .because("the same query on the same lists must give the same hits")
        .check(MATCHER);
  }
}
