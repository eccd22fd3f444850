package dev.compact.access;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 password hashes in a self-describing form,
 * {@code pbkdf2-sha256:ITERATIONS:SALT:KEY} (salt and key in unpadded Base64), so that the
 * iteration count can be raised later without invalidating the passwords already set.
 */
final class PasswordHash {
  /** OWASP's Password Storage Cheat Sheet recommends 600,000 iterations for PBKDF2-HMAC-SHA256. */
  static final int ITERATIONS = 600_000;
  private static final String ALGORITHM = "pbkdf2-sha256";
  private static final int SALT_BYTES = 16;
  private static final int KEY_BITS = 256;
  // A stored count beyond this is corrupt or hostile: verifying it would take minutes.
  private static final int MAX_ITERATIONS = 20_000_000;

  private PasswordHash() {}

  static String hash(String password, SecureRandom random) {
    return hash(password, random, ITERATIONS);
  }

  static String hash(String password, SecureRandom random, int iterations) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return format(iterations, salt, derive(password, salt, iterations));
  }

  /** Whether the password is the one hashed; the comparison takes the same time wherever they differ. */
  static boolean matches(String password, String stored) {
    Optional<Parsed> parsed = parse(stored);
    if (parsed.isEmpty()) {
      // Still do the work, so that a damaged hash does not answer faster than a wrong password.
      matches(password, Dummy.HASH);
      return false;
    }
    Parsed p = parsed.get();
    return MessageDigest.isEqual(derive(password, p.salt(), p.iterations()), p.key());
  }

  /** Whether a stored hash was made with fewer iterations than are used now, and so is worth redoing. */
  static boolean outdated(String stored) {
    return parse(stored).map(p -> p.iterations() < ITERATIONS).orElse(true);
  }

  /**
   * A hash of no one's password, to verify against when the account is unknown or has no password,
   * so that the answer takes as long as for a real account.
   */
  static String dummy() {
    return Dummy.HASH;
  }

  /** Unicode normalization first, so that the same password typed on another keyboard still matches. */
  static String normalize(String password) {
    return Normalizer.normalize(password, Normalizer.Form.NFC);
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(normalize(password).toCharArray(), salt, iterations, KEY_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks PBKDF2WithHmacSHA256", e);
    } finally {
      spec.clearPassword();
    }
  }

  private static String format(int iterations, byte[] salt, byte[] key) {
    Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
    return ALGORITHM + ":" + iterations + ":" + base64.encodeToString(salt) + ":" + base64.encodeToString(key);
  }

  private record Parsed(int iterations, byte[] salt, byte[] key) {}

  private static Optional<Parsed> parse(String stored) {
    String[] parts = stored == null ? new String[0] : stored.split(":", -1);
    if (parts.length != 4 || !ALGORITHM.equals(parts[0])) {
      return Optional.empty();
    }
    try {
      int iterations = Integer.parseInt(parts[1]);
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] key = Base64.getDecoder().decode(parts[3]);
      if (iterations < 1 || iterations > MAX_ITERATIONS || salt.length == 0 || key.length == 0) {
        return Optional.empty();
      }
      return Optional.of(new Parsed(iterations, salt, key));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Made on first use, not at class loading: it costs as much as a real hash. */
  private static final class Dummy {
    static final String HASH = hash("no one's password, only something to compare against", new SecureRandom());
  }
}
