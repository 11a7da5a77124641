package org.paperdigest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.paperdigest.subscribers.SubscriberStatus;
import org.paperdigest.testing.Mails;

/**
 * The reader's journey in a real browser: headless Chromium (Debian's chromium and
 * chromium-driver) driven by Selenium, with a screenshot of every page under
 * target/screenshots/. Skipped where Chromium is not installed; CI installs it.
 */
class BrowserJourneyTest {
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROME_BIN", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    TestSite site;
    WebDriver browser;

    @BeforeEach
    void start() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String missing = "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)";
        // On CI (.ci/run installs them) a missing browser is a failure, not a skipped test.
        if ("true".equals(System.getenv("CI")) && !installed) {
            throw new IllegalStateException(missing);
        }
        assumeTrue(installed, missing);
        site = TestSite.startOnOwnOrigin(dir, greenMail);
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--force-device-scale-factor=1", "--window-size=1280,900",
                "--user-data-dir=" + Files.createDirectory(dir.resolve("chromium-profile")));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(java.io.OutputStream.nullOutputStream())
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (site != null) {
            site.close();
        }
    }

    @Test
    void a_reader_subscribes_confirms_picks_topics_and_leaves_in_a_browser() throws Exception {
        browser.get(site.base() + "/");
        assertThat(browser.getTitle()).isEqualTo("Subscribe · Paper Digest");
        screenshot("subscribe");
        phoneScreenshot("subscribe-phone");

        browser.findElement(By.id("email")).sendKeys("grace@example.org");
        browser.findElement(By.id("name")).sendKeys("Grace");
        browser.findElement(By.cssSelector("input[name=topic][value=nlp]")).click();
        submit(By.cssSelector("form[action='/subscribe'] button[type=submit]"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Check your inbox");
        screenshot("check-inbox");

        MimeMessage confirmation = site.mailTo("grace@example.org", 1).get(0);
        Path mail = dir.resolve("confirm-email.html");
        Files.writeString(mail, Mails.html(confirmation), StandardCharsets.UTF_8);
        browser.get(mail.toUri().toString());
        assertThat(browser.findElement(By.linkText("Yes, subscribe me")).getAttribute("href")).startsWith(site.base() + "/confirm?token=");
        screenshot("confirm-email");

        browser.get(site.local(Mails.link(confirmation, "/confirm")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Confirm your subscription");
        screenshot("confirm-page");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("You are subscribed");
        assertThat(browser.getPageSource()).contains("Monday 6 July 2026 at 09:00 (UTC)");
        screenshot("confirmed");
        assertThat(site.subscriber("grace@example.org").status()).isEqualTo(SubscriberStatus.ACTIVE);

        MimeMessage welcome = site.mailTo("grace@example.org", 2).get(1);
        Path welcomeMail = dir.resolve("welcome-email.html");
        Files.writeString(welcomeMail, Mails.html(welcome), StandardCharsets.UTF_8);
        browser.get(welcomeMail.toUri().toString());
        screenshot("welcome-email");

        browser.get(site.local(Mails.link(welcome, "/preferences")));
        browser.findElement(By.cssSelector("input[name=topic][value=vision]")).click();
        submit(By.cssSelector("form button[type=submit]"));
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).startsWith("Saved.");
        screenshot("preferences");
        assertThat(site.subscriber("grace@example.org").topics()).containsExactlyInAnyOrder("nlp", "vision");

        browser.get(site.local(Mails.link(welcome, "/unsubscribe")));
        screenshot("unsubscribe");
        submit(By.cssSelector("form button[type=submit]"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("You are unsubscribed");
        screenshot("unsubscribed");
        assertThat(site.subscriber("grace@example.org").status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        assertThat(browser.manage().getCookies()).isEmpty();
    }

    @Test
    void the_papers_page_and_an_expired_link_render_in_a_browser() throws Exception {
        browser.get(site.base() + "/papers");
        assertThat(browser.findElements(By.cssSelector("article.paper"))).hasSize(site.app.catalog().papers().size());
        screenshot("papers");

        browser.get(site.base() + "/confirm?token=1.abc.AAAAAAAAAAAAAAAAAAAAAA");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("This confirmation link does not work");
        screenshot("bad-link");
    }

    /** Saves the whole page at the current width. */
    /** Clicks a submit button and waits for the browser to leave the page, so the next lookup sees the response. */
    private void submit(By button) {
        var page = browser.findElement(By.tagName("html"));
        browser.findElement(button).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(page));
    }

    private void screenshot(String name) throws Exception {
        Dimension before = browser.manage().window().getSize();
        JavascriptExecutor js = (JavascriptExecutor) browser;
        long height = (Long) js.executeScript("return document.documentElement.scrollHeight");
        long chrome = before.getHeight() - (Long) js.executeScript("return window.innerHeight");
        browser.manage().window().setSize(new Dimension(before.getWidth(), (int) Math.min(Math.max(height, 600) + chrome, 6000)));
        File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        browser.manage().window().setSize(before);
    }

    private void phoneScreenshot(String name) throws Exception {
        Dimension before = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(390, 844));
        screenshot(name);
        Boolean overflows = (Boolean) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth > window.innerWidth");
        assertThat(overflows).as("the page fits a phone's width").isFalse();
        browser.manage().window().setSize(before);
    }
}
