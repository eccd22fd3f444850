package dev.compact.cli;

import dev.compact.agreements.PartyCode;
import dev.compact.trust.Signatures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code compact keys generate PARTY}: an Ed25519 key pair for a party, as PEM files. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage parties' signing keys.",
    subcommands = {KeysCommand.Generate.class, KeysCommand.Witness.class})
final class KeysCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** A known party and no key files there yet; otherwise says why on the error stream. */
  private static boolean mayCreate(CommandLine.Model.CommandSpec spec, String party, Path privateFile, Path publicFile) {
    if (!PartyCode.isKnown(party)) {
      spec.commandLine().getErr().println("compact keys: unknown party '" + party + "'; use an ISO 3166-1 alpha-3 code such as GBR");
      return false;
    }
    if (Files.exists(privateFile) || Files.exists(publicFile)) {
      spec.commandLine().getErr().println("compact keys: " + privateFile + " or " + publicFile + " exists already; not overwriting a key");
      return false;
    }
    return true;
  }

  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = "Generate an Ed25519 key pair: PARTY.key (private, keep it secret) and PARTY.pub (register it with the service).")
  static final class Generate implements Callable<Integer> {
    @Parameters(paramLabel = "PARTY", description = "The party, e.g. GBR.")
    String party;

    @Option(names = "--out", defaultValue = "compact-data/keys", description = "Folder for the key files (default: ${DEFAULT-VALUE}).")
    Path out;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      Path privateFile = out.resolve(party + ".key");
      Path publicFile = out.resolve(party + ".pub");
      if (!mayCreate(spec, party, privateFile, publicFile)) {
        return 1;
      }
      KeyPair pair = Signatures.generate();
      boolean created = false;
      try {
        Files.createDirectories(out);
        // Created owner-only before the key is written, so that it is never readable by others, not even for a moment.
        OutputFile.createOwnerOnly(privateFile);
        created = true;
        Files.writeString(privateFile, Signatures.privatePem(pair.getPrivate()));
        Files.writeString(publicFile, Signatures.publicPem(pair.getPublic()));
      } catch (IOException e) {
        // No half pair: a private key without its public one (or an empty one) would block the next try as "exists already".
        if (created) {
          Files.deleteIfExists(privateFile);
          Files.deleteIfExists(publicFile);
        }
        spec.commandLine().getErr().println("compact keys: cannot write the key files in " + out + ": " + OutputFile.reason(e));
        return 1;
      }
      spec.commandLine().getOut().printf("wrote %s (private: keep it secret) and %s (public)%n", privateFile, publicFile);
      return 0;
    }
  }

  @Command(name = "witness", mixinStandardHelpOptions = true,
      description = "Generate a party's witness key for cosigning the log's checkpoints: PARTY.witness.key (private) and"
          + " PARTY.witness.vkey (give it to the log's operator for compact.log.witnesses).")
  static final class Witness implements Callable<Integer> {
    @Parameters(paramLabel = "PARTY", description = "The party, e.g. GBR.")
    String party;

    @Option(names = "--name", description = "The witness's name, a schema-less URL (default: witness.PARTY.compact.example).")
    String name;

    @Option(names = "--out", defaultValue = "compact-data/keys", description = "Folder for the key files (default: ${DEFAULT-VALUE}).")
    Path out;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      Path privateFile = out.resolve(party + ".witness.key");
      Path publicFile = out.resolve(party + ".witness.vkey");
      if (!mayCreate(spec, party, privateFile, publicFile)) {
        return 1;
      }
      String keyName = name != null ? name : "witness." + party.toLowerCase(java.util.Locale.ROOT) + ".compact.example";
      dev.compact.transparency.NoteSigner signer;
      try {
        signer = dev.compact.log.KeyFiles.create(privateFile, keyName, dev.compact.transparency.NoteKey.COSIGNATURE_V1);
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println("compact keys: " + e.getMessage());
        return 1;
      }
      try {
        OutputFile.write(publicFile, w -> w.write(signer.key().text() + "\n"));
      } catch (IOException e) {
        // The pair or nothing: a private key without its public half would only be in the way of the next try.
        Files.deleteIfExists(privateFile);
        spec.commandLine().getErr().println("compact keys: cannot write " + publicFile + ": " + OutputFile.reason(e) + "; nothing was kept");
        return 1;
      }
      spec.commandLine().getOut().printf("wrote %s (private: keep it secret) and %s: %s%n", privateFile, publicFile, signer.key().text());
      spec.commandLine().getOut().printf("the log's operator adds --compact.log.witnesses[N]=%s=%s%n", party, signer.key().text());
      return 0;
    }
  }
}
