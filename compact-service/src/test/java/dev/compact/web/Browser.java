package dev.compact.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven through its chromedriver (installed by ./run-tests as
 * COMPACT_TEST_CHROME and COMPACT_TEST_CHROMEDRIVER). Without them the browser tests are skipped
 * with a message, except where COMPACT_REQUIRE_SERVICES is set (CI), where they fail.
 */
final class Browser {
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private Browser() {}

  static ChromeDriver start() {
    Path driver = Path.of(env("COMPACT_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));
    Path chrome = Path.of(env("COMPACT_TEST_CHROME", "/usr/bin/chromium"));
    if (!Files.isExecutable(driver) || !Files.isExecutable(chrome)) {
      String missing = "Chromium and chromedriver are not installed (" + chrome + ", " + driver + "; ./run-tests installs them)";
      if (System.getenv("COMPACT_REQUIRE_SERVICES") != null) {
        throw new IllegalStateException("COMPACT_REQUIRE_SERVICES is set but " + missing);
      }
      Assumptions.abort(missing + ": skipping the browser tests");
    }
    Path profile;
    try {
      profile = Files.createTempDirectory("compact-chromium");
      Files.createDirectories(SCREENSHOTS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chrome.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,900");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).usingAnyFreePort().build();
    ChromeDriver browser = new ChromeDriver(service, options);
    browser.manage().window().setSize(new Dimension(1280, 900));
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    // Scripts added through DevTools run before the page's own and are not subject to its policy.
    browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", VIOLATION_LISTENER));
    return browser;
  }

  /**
   * Records every Content-Security-Policy violation in the tab's session storage, so that those of
   * a page already left are still there to read on the next page of the same origin.
   */
  private static final String VIOLATION_LISTENER = """
      document.addEventListener("securitypolicyviolation", function (e) {
        try {
          var seen = JSON.parse(sessionStorage.getItem("compact-csp-violations") || "[]");
          seen.push(location.pathname + location.search + ": " + e.effectiveDirective + " refused "
            + (e.blockedURI || "?") + (e.sample ? " '" + e.sample + "'" : "") + " at " + e.sourceFile + ":" + e.lineNumber + ":" + e.columnNumber);
          sessionStorage.setItem("compact-csp-violations", JSON.stringify(seen));
        } catch (ignored) {}
      });
      """;

  /**
   * The policy violations reported since the last call (on this origin), as "page: directive
   * refused what at where"; reading them clears them.
   */
  @SuppressWarnings("unchecked")
  static List<String> policyViolations(ChromeDriver browser) {
    return (List<String>) browser.executeScript("""
        var seen = JSON.parse(sessionStorage.getItem("compact-csp-violations") || "[]");
        sessionStorage.removeItem("compact-csp-violations");
        return seen;""");
  }

  /** The policy violations reported since the last {@link #policyViolations}, left in place. */
  @SuppressWarnings("unchecked")
  static List<String> peekPolicyViolations(ChromeDriver browser) {
    return (List<String>) browser.executeScript("return JSON.parse(sessionStorage.getItem(\"compact-csp-violations\") || \"[]\");");
  }

  /**
   * Saves the whole page, as wide as the window, as target/screenshots/NAME.png. Chrome's DevTools
   * capture beyond the viewport, so the window keeps its size.
   */
  /**
   * Whether the page whose root is {@code page} is gone, once the browser navigated. Chromium sometimes answers a question
   * about the old root with "does not belong to the document" instead of a stale reference: that is gone too (it failed
   * the alerts queue's browser test once in CI, 2026-12-07).
   */
  static boolean isGone(ChromeDriver browser, org.openqa.selenium.WebElement page) {
    try {
      return org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(page).apply(browser);
    } catch (org.openqa.selenium.WebDriverException e) {
      if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
        return true;
      }
      throw e;
    }
  }

  static Path screenshot(ChromeDriver browser, String name) {
    @SuppressWarnings("unchecked")
    Map<String, Object> metrics = (Map<String, Object>) browser.executeCdpCommand("Page.getLayoutMetrics", Map.of());
    @SuppressWarnings("unchecked")
    Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
    double width = ((Number) content.get("width")).doubleValue();
    double height = Math.min(((Number) content.get("height")).doubleValue(), 12_000);
    Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
        "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
    try {
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
