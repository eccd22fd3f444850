package dev.compact.notify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook payloads with a secret shared with the receiver: HMAC-SHA256 over the timestamp and
 * the body, so a receiver can check both origin and freshness (and refuse replays).
 */
public final class WebhookSignature {
  /** The header carrying {@code t=<epoch seconds>,v1=<hex>}. */
  public static final String HEADER = "Compact-Signature";

  private WebhookSignature() {}

  public static String sign(String secret, long epochSeconds, String body) {
    return "t=" + epochSeconds + ",v1=" + hmac(secret, epochSeconds + "." + body);
  }

  /** Constant-time check of a signature header against a body. */
  public static boolean verify(String secret, String header, String body) {
    String[] parts = header.split(",");
    if (parts.length != 2 || !parts[0].startsWith("t=") || !parts[1].startsWith("v1=")) {
      return false;
    }
    String expected = hmac(secret, parts[0].substring(2) + "." + body);
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), parts[1].substring(3).getBytes(StandardCharsets.US_ASCII));
  }

  private static String hmac(String secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is in every JDK", e);
    }
  }
}
