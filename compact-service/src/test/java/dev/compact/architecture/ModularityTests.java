package dev.compact.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The service's feature packages depend on each other in one direction: the durable record and the
 * signatures know nothing of the rest; who may do what knows only the record; the application layer
 * knows neither the API nor the dashboard; and the two front ends, the API and the dashboard, are
 * leaves that nothing else calls and that do not call each other. The security configuration
 * wires accounts and identities into Spring Security and knows neither front end's classes.
 */
class ModularityTests {
  static final JavaClasses SERVICE = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.compact.api", "dev.compact.web", "dev.compact.service", "dev.compact.store", "dev.compact.access",
          "dev.compact.notify", "dev.compact.identity", "dev.compact.trust", "dev.compact.log", "dev.compact.security", "dev.compact.lists",
          "dev.compact.match", "dev.compact.watchlist");

  @Test
  void theStoreAndTheSignaturesDependOnNoOtherPartOfTheService() {
    noClasses().that().resideInAnyPackage("dev.compact.store..", "dev.compact.trust..").should().dependOnClassesThat()
        .resideInAnyPackage("dev.compact.api..", "dev.compact.web..", "dev.compact.service..", "dev.compact.access..", "dev.compact.notify..",
            "dev.compact.identity..", "dev.compact.log..")
        .check(SERVICE);
  }

  @Test
  void accessKnowsOnlyTheStore() {
    noClasses().that().resideInAPackage("dev.compact.access..").should().dependOnClassesThat()
        .resideInAnyPackage("dev.compact.api..", "dev.compact.web..", "dev.compact.service..", "dev.compact.notify..", "dev.compact.identity..",
            "dev.compact.log..")
        .check(SERVICE);
  }

  @Test
  void theApplicationLayerKnowsNeitherTheApiNorTheDashboard() {
    noClasses().that().resideInAnyPackage("dev.compact.service..", "dev.compact.notify..", "dev.compact.log..", "dev.compact.identity..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.compact.api..", "dev.compact.web..")
        .check(SERVICE);
  }

  @Test
  void theFeaturePackagesKnowNeitherTheApiNorTheDashboard() {
    noClasses().that().resideInAnyPackage("dev.compact.lists..", "dev.compact.match..", "dev.compact.watchlist..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.compact.api..", "dev.compact.web..")
        .check(SERVICE);
  }

  /** Issue #14: each package, of the core, the screening and the service alike, says in its package-info what it is for. */
  @Test
  void everyPackageHasAPackageInfo() {
    JavaClasses all = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.compact");
    java.util.Set<String> packages = new java.util.TreeSet<>();
    all.forEach(c -> packages.add(c.getPackageName()));
    org.assertj.core.api.Assertions.assertThat(packages).hasSizeGreaterThan(15)
        .allSatisfy(p -> org.assertj.core.api.Assertions.assertThat(all.getPackage(p).tryGetPackageInfo()).as(p + " has a package-info")
            .isPresent());
  }

  @Test
  void theApiAndTheDashboardDoNotCallEachOther() {
    noClasses().that().resideInAPackage("dev.compact.api..").should().dependOnClassesThat().resideInAPackage("dev.compact.web..")
        .check(SERVICE);
    noClasses().that().resideInAPackage("dev.compact.web..").should().dependOnClassesThat().resideInAPackage("dev.compact.api..")
        .check(SERVICE);
  }

  @Test
  void securityKnowsAccountsAndIdentitiesButNeitherFrontEnd() {
    noClasses().that().resideInAPackage("dev.compact.security..").should().dependOnClassesThat()
        .resideInAnyPackage("dev.compact.api..", "dev.compact.web..", "dev.compact.service..", "dev.compact.notify..", "dev.compact.log..")
        .check(SERVICE);
    noClasses().that().resideInAnyPackage("dev.compact.api..", "dev.compact.web..", "dev.compact.service..", "dev.compact.access..",
        "dev.compact.identity..").should().dependOnClassesThat().resideInAPackage("dev.compact.security..")
        .check(SERVICE);
  }
}
