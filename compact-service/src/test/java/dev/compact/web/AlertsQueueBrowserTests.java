package dev.compact.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compact.ServiceApplication;
import dev.compact.access.Accounts;
import dev.compact.access.Actor;
import dev.compact.access.Role;
import dev.compact.store.TestDatabases;
import dev.compact.watchlist.Watchlists;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue #15: the compliance account's alerts queue in a real Chromium. A reviewer decides an alert
 * with a reason through the page's form and sees it leave the open queue and appear, with who
 * decided what, when and why, among the decided ones. Another compliance account and the
 * secretariat can neither see nor decide it; a form without the CSRF token is refused.
 */
class AlertsQueueBrowserTests {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String PASSWORD = "compliance password for the browser tests";
  private static final Actor BANK_A = new Actor("bank-a", Set.of(new Role.Compliance()), false);
  private static ConfigurableApplicationContext context;
  private static ChromeDriver browser;
  private static String base;
  private static String accessibilityCheck;
  private static Watchlists watchlists;

  @BeforeAll
  static void start() throws IOException {
    browser = Browser.start();
    String kind = System.getenv("COMPACT_TEST_PG_URL") == null ? "sqlite" : "postgresql";
    context = ServiceApplication.start("--server.port=0", "--compact.db=" + TestDatabases.freshUrl(kind),
        "--compact.compact-dir=" + dev.compact.Examples.compact("kyiv-compact"), "--compact.tick-interval=PT1H");
    base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    try (InputStream in = AlertsQueueBrowserTests.class.getResourceAsStream("accessibility-check.js")) {
      accessibilityCheck = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Accounts accounts = context.getBean(Accounts.class);
    for (String[] account : List.of(new String[] {"bank-a", "compliance"}, new String[] {"bank-b", "compliance"},
        new String[] {"sec", "secretariat"})) {
      accounts.add(account[0], List.of(account[1]));
      accounts.passwords().set(account[0], PASSWORD);
    }
    // Two of bank A's counterparties are on the bundled OFAC list; bank B has one of its own.
    watchlists = context.getBean(Watchlists.class);
    watchlists.register(BANK_A, List.of(new Watchlists.Counterparty("cp-oleg", "Oleg Deripaska", "person", null, null),
        new Watchlists.Counterparty("cp-kassem", "Kassem Chams", "person", null, null),
        new Watchlists.Counterparty("cp-anna", "Anna Quellmalz", "person", null, null)));
    watchlists.register(new Actor("bank-b", Set.of(new Role.Compliance()), false),
        List.of(new Watchlists.Counterparty("cp-b-1", "Viktor Vekselberg", "person", null, null)));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (context != null) {
      context.close();
    }
  }

  @Test
  void aReviewerDecidesAnAlertWithAReasonAndItLeavesTheOpenQueue() {
    List<Watchlists.Alert> open = watchlists.alerts(BANK_A, Optional.of("open"));
    assertThat(open).extracting(Watchlists.Alert::counterpartyId).contains("cp-oleg", "cp-kassem").doesNotContain("cp-anna");
    Watchlists.Alert oleg = open.stream().filter(a -> a.counterpartyId().equals("cp-oleg")).findFirst().orElseThrow();

    signIn("bank-a");
    open("/watchlist/alerts");
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Watchlist alerts");
    assertThat(browser.findElements(By.cssSelector("article.alert"))).hasSize(open.size());
    WebElement article = browser.findElement(By.id("alert-" + oleg.alertId()));
    assertThat(article.getText()).contains("Oleg Deripaska (cp-oleg)", "DERIPASKA", oleg.entityId(), "0.");
    assertThat(browser.findElement(By.id("view-open")).getText()).isEqualTo("Open (" + open.size() + ")");
    assertThat(browser.findElement(By.cssSelector("header.site nav")).getText()).contains("Alerts");
    assertThat(accessibilityProblems()).isEmpty();
    // Newest first: the page lists them in the order the service does.
    assertThat(browser.findElements(By.cssSelector("article.alert")).stream().map(e -> e.getAttribute("id")).toList())
        .isEqualTo(open.stream().map(a -> "alert-" + a.alertId()).toList());
    Browser.screenshot(browser, "watchlist-alerts");

    article.findElement(By.tagName("summary")).click();
    assertThat(article.findElement(By.tagName("pre")).getText()).contains("list ");
    new Select(browser.findElement(By.id("d-" + oleg.alertId()))).selectByValue("false-positive");
    browser.findElement(By.id("r-" + oleg.alertId())).sendKeys("Another Oleg Deripaska, born 1990 in Omsk; passport checked");
    submit(By.cssSelector("#alert-" + oleg.alertId() + " button[type=submit]"));

    assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).isEqualTo("The decision was recorded.");
    assertThat(browser.findElements(By.id("alert-" + oleg.alertId()))).as("the decided alert left the open queue").isEmpty();
    assertThat(browser.findElements(By.cssSelector("article.alert"))).hasSize(open.size() - 1);
    assertThat(browser.findElement(By.id("view-decided")).getText()).isEqualTo("Decided (1)");

    submit(By.id("view-decided"));
    WebElement decided = browser.findElement(By.id("alert-" + oleg.alertId()));
    assertThat(decided.findElement(By.cssSelector(".status")).getText()).isEqualTo("false-positive");
    assertThat(decided.findElement(By.cssSelector("table.decisions tbody")).getText()).contains("false-positive",
        "Another Oleg Deripaska, born 1990 in Omsk; passport checked", "bank-a");
    assertThat(accessibilityProblems()).isEmpty();
    Browser.screenshot(browser, "watchlist-alerts-decided");
    assertThat(watchlists.decisions(BANK_A, oleg.alertId())).singleElement().satisfies(d -> {
      assertThat(d.by()).isEqualTo("bank-a");
      assertThat(d.decision()).isEqualTo("false-positive");
    });
  }

  @Test
  void anotherAccountAndTheSecretariatCanNeitherSeeNorDecideAnAlert() throws Exception {
    Watchlists.Alert kassem = watchlists.alerts(BANK_A, Optional.of("open")).stream().filter(a -> a.counterpartyId().equals("cp-kassem"))
        .findFirst().orElseThrow();
    String form = "decision=confirmed&reason=" + URLEncoder.encode("mine now", StandardCharsets.UTF_8);

    Session bankB = Session.of("bank-b");
    HttpResponse<String> bPage = bankB.get("/watchlist/alerts");
    assertThat(bPage.statusCode()).isEqualTo(200);
    assertThat(bPage.body()).contains("cp-b-1").doesNotContain("cp-kassem", "Kassem", "cp-oleg", kassem.alertId());
    assertThat(bankB.get("/watchlist/alerts?view=decided").body()).doesNotContain("cp-oleg", "cp-kassem");
    assertThat(bankB.post("/watchlist/alerts/" + kassem.alertId() + "/decision", form).statusCode()).isEqualTo(404);

    Session secretariat = Session.of("sec");
    assertThat(secretariat.get("/watchlist/alerts").statusCode()).isEqualTo(403);
    assertThat(secretariat.get("/watchlist/alerts").body()).doesNotContain("cp-kassem", "Kassem");
    assertThat(secretariat.post("/watchlist/alerts/" + kassem.alertId() + "/decision", form).statusCode()).isEqualTo(403);

    HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/watchlist/alerts")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.body()).doesNotContain("cp-kassem");

    // Bank A's own session: without the form's CSRF token, or without a reason, nothing is recorded.
    Session bankA = Session.of("bank-a");
    assertThat(bankA.postWithoutCsrf("/watchlist/alerts/" + kassem.alertId() + "/decision", form).statusCode()).isEqualTo(403);
    assertThat(bankA.post("/watchlist/alerts/" + kassem.alertId() + "/decision", "decision=confirmed&reason=+").statusCode()).isEqualTo(422);
    assertThat(watchlists.decisions(BANK_A, kassem.alertId())).isEmpty();
    assertThat(watchlists.alerts(BANK_A, Optional.of("open"))).extracting(Watchlists.Alert::alertId).contains(kassem.alertId());
  }

  /** A dashboard session opened with name and password outside the browser, with the CSRF token its pages carry. */
  private record Session(String cookies, String csrf) {
    static Session of(String name) throws Exception {
      String[] token = csrf("");
      HttpResponse<String> signedIn = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/signin"))
          .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", token[0])
          .POST(HttpRequest.BodyPublishers.ofString("name=" + name + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
              + "&_csrf=" + token[1])).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
      String session = signedIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(DashboardAuth.COOKIE + "="))
          .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
      String[] fresh = csrf(session);
      return new Session(session + "; " + fresh[0], fresh[1]);
    }

    /** A CSRF cookie and the form value a page carries, as the page opened with these cookies gives them. */
    static String[] csrf(String cookies) throws Exception {
      HttpRequest.Builder page = HttpRequest.newBuilder(URI.create(base + "/signin"));
      if (!cookies.isEmpty()) {
        page.header("Cookie", cookies);
      }
      HttpResponse<String> response = HTTP.send(page.build(), HttpResponse.BodyHandlers.ofString());
      Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(response.body());
      assertThat(token.find()).isTrue();
      String cookie = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("compact_csrf=")).findFirst().orElseThrow();
      return new String[] {cookie.substring(0, cookie.indexOf(';')), URLEncoder.encode(token.group(1), StandardCharsets.UTF_8)};
    }

    HttpResponse<String> get(String path) throws Exception {
      return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookies).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String form) throws Exception {
      return postWithoutCsrf(path, form + "&_csrf=" + csrf);
    }

    HttpResponse<String> postWithoutCsrf(String path, String form) throws Exception {
      return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
          .header("Cookie", cookies).POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  private static void signIn(String name) {
    browser.manage().deleteAllCookies();
    open("/signin?back=/watchlist/alerts");
    browser.findElement(By.id("name")).sendKeys(name);
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    submit(By.id("sign-in"));
  }

  private static void open(String path) {
    browser.get(base + path);
    loaded();
  }

  /** Clicks what leaves the page and waits for the next one. */
  private static void submit(By locator) {
    WebElement page = browser.findElement(By.tagName("html"));
    browser.findElement(locator).click();
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> Browser.isGone(browser, page));
    loaded();
  }

  /** The page has loaded, and nothing on it broke the Content-Security-Policy. */
  private static void loaded() {
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> Boolean.TRUE.equals(browser.executeScript(
        "return document.readyState === 'complete' && !!document.body && document.body.hasAttribute('data-now')")));
    assertThat(Browser.policyViolations(browser)).as("Content-Security-Policy violations on " + browser.getCurrentUrl()).isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static List<String> accessibilityProblems() {
    return (List<String>) browser.executeScript(accessibilityCheck);
  }
}
