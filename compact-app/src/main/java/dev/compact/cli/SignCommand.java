package dev.compact.cli;

import dev.compact.agreements.Agreement;
import dev.compact.agreements.PartyCode;
import dev.compact.trust.Signatures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code compact sign FILE --party P --key KEY}: signs an agreement version's canonical hash. */
@Command(name = "sign", mixinStandardHelpOptions = true,
    description = {"Sign an agreement file's version hash with a party's private key.",
        "Prints the JSON to POST to /api/agreements/ID/signatures."})
final class SignCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "The agreement file.")
  Path file;

  @Option(names = "--party", required = true, description = "The signing party, e.g. GBR.")
  String party;

  @Option(names = "--key", required = true, description = "The party's private key (PEM), from `compact keys generate`.")
  Path key;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (!PartyCode.isKnown(party)) {
      spec.commandLine().getErr().println("compact sign: unknown party '" + party + "'");
      return 1;
    }
    Optional<Agreement> agreement = Sources.agreement(file, spec.commandLine().getErr());
    if (agreement.isEmpty()) {
      return 1;
    }
    if (!Files.isRegularFile(key)) {
      spec.commandLine().getErr().println("compact sign: no key file " + key);
      return 1;
    }
    String id = agreement.get().id().value();
    String hash = agreement.get().versionHash().hex();
    String signature;
    try {
      signature = Signatures.sign(Signatures.privateKey(Files.readString(key)), id, party, hash);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("compact sign: " + e.getMessage());
      return 1;
    }
    spec.commandLine().getOut().printf("{\"party\": \"%s\", \"versionHash\": \"%s\", \"signature\": \"%s\"}%n", party, hash, signature);
    return 0;
  }
}
