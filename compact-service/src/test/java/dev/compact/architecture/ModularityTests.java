package dev.compact.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The service is cut into top-level packages of three kinds. The kernel is the durable record
 * ({@code store}), the signatures ({@code trust}), who may do what ({@code access}) and the
 * application layer that keeps the record and the engine in step ({@code service}). Features each
 * own one part of the product ({@code incidents}, {@code consultations}, {@code ledger},
 * {@code sanctionsregister}, {@code screeningservice}, {@code watchlist}, {@code notify},
 * {@code log}, {@code identity}); the front ends ({@code api}, {@code web}, the yente-compatible
 * {@code match}) and the security wiring are leaves that nothing else calls. Each rule below names
 * what one part may not use, and no two top-level packages may depend on each other in a cycle.
 */
class ModularityTests {
  static final String[] KERNEL = {"dev.compact.store..", "dev.compact.trust..", "dev.compact.access..", "dev.compact.service.."};
  /** Read models the application layer projects and queries; they know nothing of the service. */
  static final String[] RECORD_FEATURES = {"dev.compact.incidents..", "dev.compact.consultations..", "dev.compact.ledger.."};
  static final String[] FEATURES = {"dev.compact.incidents..", "dev.compact.consultations..", "dev.compact.ledger..",
      "dev.compact.sanctionsregister..", "dev.compact.screeningservice..", "dev.compact.watchlist..", "dev.compact.notify..",
      "dev.compact.log..", "dev.compact.identity.."};
  static final String[] FRONT_ENDS = {"dev.compact.api..", "dev.compact.web..", "dev.compact.match.."};
  static final String SECURITY = "dev.compact.security..";

  static final JavaClasses SERVICE = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages(Stream.of(KERNEL, FEATURES, FRONT_ENDS, new String[] {SECURITY}).flatMap(Arrays::stream)
          .map(p -> p.substring(0, p.length() - 2)).toList());

  @Test
  void noTwoTopLevelPackagesDependOnEachOtherInACycle() {
    slices().matching("dev.compact.(*)..").should().beFreeOfCycles().check(SERVICE);
  }

  @Test
  void theStoreAndTheSignaturesDependOnNoOtherPartOfTheService() {
    noClasses().that().resideInAnyPackage("dev.compact.store..", "dev.compact.trust..").should().dependOnClassesThat()
        .resideInAnyPackage(except(all(), "dev.compact.store..", "dev.compact.trust..")).check(SERVICE);
  }

  @Test
  void accessKnowsOnlyTheStore() {
    noClasses().that().resideInAPackage("dev.compact.access..").should().dependOnClassesThat()
        .resideInAnyPackage(except(all(), "dev.compact.access..", "dev.compact.store..")).check(SERVICE);
  }

  /** The application layer reads the record features' views, and uses no other feature and no front end. */
  @Test
  void theApplicationLayerKnowsOnlyTheKernelAndTheRecordsReadModels() {
    noClasses().that().resideInAPackage("dev.compact.service..").should().dependOnClassesThat()
        .resideInAnyPackage(except(all(), concat(KERNEL, RECORD_FEATURES))).check(SERVICE);
  }

  @Test
  void incidentsConsultationsAndTheLedgerDependOnNoOtherPartOfTheService() {
    for (String feature : RECORD_FEATURES) {
      noClasses().that().resideInAPackage(feature).should().dependOnClassesThat().resideInAnyPackage(except(all(), feature)).check(SERVICE);
    }
  }

  /** The screening index in the service wraps the pure matcher and nothing else of the service. */
  @Test
  void theScreeningServiceDependsOnNoOtherPartOfTheService() {
    noClasses().that().resideInAPackage("dev.compact.screeningservice..").should().dependOnClassesThat()
        .resideInAnyPackage(except(all(), "dev.compact.screeningservice..")).check(SERVICE);
  }

  /** The register records through the application layer and builds screening indexes; it knows nothing of monitoring or notifications. */
  @Test
  void theSanctionsRegisterKnowsTheKernelAndTheScreeningServiceOnly() {
    noClasses().that().resideInAPackage("dev.compact.sanctionsregister..").should().dependOnClassesThat()
        .resideInAnyPackage(except(all(), plus(KERNEL, "dev.compact.sanctionsregister..", "dev.compact.screeningservice.."))).check(SERVICE);
  }

  @Test
  void monitoringKnowsTheKernelTheRegisterScreeningAndNotificationsOnly() {
    noClasses().that().resideInAPackage("dev.compact.watchlist..").should().dependOnClassesThat()
        .resideInAnyPackage(except(all(), plus(KERNEL, "dev.compact.watchlist..", "dev.compact.sanctionsregister..",
            "dev.compact.screeningservice..", "dev.compact.notify..")))
        .check(SERVICE);
  }

  @Test
  void notificationsTheLogAndIdentitiesKnowOnlyTheKernel() {
    for (String feature : new String[] {"dev.compact.notify..", "dev.compact.log..", "dev.compact.identity.."}) {
      noClasses().that().resideInAPackage(feature).should().dependOnClassesThat().resideInAnyPackage(except(all(), plus(KERNEL, feature)))
          .check(SERVICE);
    }
  }

  @Test
  void theFrontEndsAreLeavesThatDoNotCallEachOther() {
    noClasses().that().resideInAnyPackage(concat(KERNEL, FEATURES)).should().dependOnClassesThat().resideInAnyPackage(FRONT_ENDS)
        .check(SERVICE);
    for (String frontEnd : FRONT_ENDS) {
      noClasses().that().resideInAPackage(frontEnd).should().dependOnClassesThat().resideInAnyPackage(except(FRONT_ENDS, frontEnd))
          .check(SERVICE);
    }
  }

  @Test
  void securityKnowsAccountsAndIdentitiesAndNothingCallsIt() {
    noClasses().that().resideInAPackage(SECURITY).should().dependOnClassesThat()
        .resideInAnyPackage(except(all(), SECURITY, "dev.compact.access..", "dev.compact.identity..")).check(SERVICE);
    noClasses().that().resideInAnyPackage(concat(KERNEL, FEATURES, FRONT_ENDS)).should().dependOnClassesThat().resideInAPackage(SECURITY)
        .check(SERVICE);
  }

  /** Issue #14: each package, of the core, the screening and the service alike, says in its package-info what it is for. */
  @Test
  void everyPackageHasAPackageInfo() {
    JavaClasses all = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.compact");
    Set<String> packages = new TreeSet<>();
    all.forEach(c -> packages.add(c.getPackageName()));
    assertThat(packages).hasSizeGreaterThan(15)
        .allSatisfy(p -> assertThat(all.getPackage(p).tryGetPackageInfo()).as(p + " has a package-info").isPresent());
  }

  /** Every top-level package of the service is named in exactly one of the groups above, so a new one cannot escape the rules. */
  @Test
  void everyServicePackageBelongsToAGroup() {
    JavaClasses everything = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.compact");
    Set<String> topLevel = new TreeSet<>();
    everything.stream().filter(c -> c.getSource().map(s -> s.getUri().toString().contains("compact-service")).orElse(false))
        .map(c -> c.getPackageName().substring("dev.compact".length())).filter(rest -> !rest.isEmpty())
        .forEach(rest -> topLevel.add("dev.compact." + rest.substring(1).split("\\.")[0] + ".."));
    assertThat(topLevel).containsExactlyInAnyOrder(all());
  }

  private static String[] all() {
    return concat(KERNEL, FEATURES, FRONT_ENDS, new String[] {SECURITY});
  }

  private static String[] except(String[] packages, String... excluded) {
    Set<String> out = new TreeSet<>(Arrays.asList(packages));
    Arrays.asList(excluded).forEach(out::remove);
    return out.toArray(String[]::new);
  }

  private static String[] plus(String[] first, String... more) {
    return Stream.concat(Arrays.stream(first), Arrays.stream(more)).toArray(String[]::new);
  }

  private static String[] concat(String[]... groups) {
    return Arrays.stream(groups).flatMap(Arrays::stream).toArray(String[]::new);
  }
}
