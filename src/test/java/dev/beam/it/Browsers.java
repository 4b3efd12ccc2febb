package dev.beam.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for the browser tests. They run only where Chromium and chromedriver are
 * installed and the test runs in a loopback-only network namespace (bin/test makes one): a
 * browser elsewhere would also use the machine's other interfaces. The system property
 * {@code beam.browser} says what to do when that is not the case: {@code auto} skips, saying why;
 * {@code required} (CI) fails.
 */
public final class Browsers {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private Browsers() {
    }

    /** Skips or fails the calling test when no browser may run here. */
    public static void requireBrowser() {
        String why = unavailableBecause();
        if (why != null) {
            skipOrFail(why);
        }
    }

    /** Skips the calling test, saying why, or fails it where browser tests are required. */
    static void skipOrFail(String why) {
        String mode = System.getProperty("beam.browser", "auto");
        if ("required".equals(mode)) {
            throw new AssertionError("browser tests are required but cannot run: " + why);
        }
        System.out.println("SKIPPED browser test: " + why);
        assumeTrue(false, why);
    }

    private static String unavailableBecause() {
        if ("skip".equals(System.getProperty("beam.browser"))) {
            return "browser tests switched off (beam.browser=skip)";
        }
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            return "Chromium is not installed (apt-get install chromium chromium-driver)";
        }
        List<String> others = nonLoopbackInterfaces();
        if (!others.isEmpty()) {
            return "not in a loopback-only network namespace (interfaces up: " + others + "); run bin/test";
        }
        return null;
    }

    private static List<String> nonLoopbackInterfaces() {
        try {
            return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .filter(nic -> {
                        try {
                            return nic.isUp() && !nic.isLoopback();
                        } catch (SocketException e) {
                            return true;
                        }
                    })
                    .map(NetworkInterface::getName)
                    .toList();
        } catch (SocketException e) {
            return List.of("unknown: " + e.getMessage());
        }
    }

    /** Saves what the browser shows to {@code target/screenshots/NAME.png}, for people to look at. */
    public static void screenshot(WebDriver browser, String name) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /**
     * On a /stream page, open in the current window: waits for its camera, clicks Start Streaming, and waits
     * until the page is live (its button says Stop Streaming), at most 10 s each.
     */
    public static void goLive(WebDriver browser) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10), Duration.ofMillis(100));
        wait.until(d -> d.findElement(By.id("start-button")).isEnabled());
        browser.findElement(By.id("start-button")).click();
        wait.until(d -> "Stop Streaming".equals(d.findElement(By.id("start-button")).getText()));
    }

    /** A fresh headless Chromium with a fake camera and microphone. */
    public static ChromeDriver start() throws Exception {
        return start(null);
    }

    /** As {@link #start()}, the fake camera playing {@code clip} (a Y4M file) when given. */
    public static ChromeDriver start(Path clip) throws Exception {
        // In the build's own directory, not /tmp: Chromium leaves its profile behind, and a clean
        // build takes these with it.
        Path profile = Files.createTempDirectory(Files.createDirectories(Path.of("target", "chromium-profiles")),
                "profile-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--allow-loopback-in-peer-connection", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--autoplay-policy=no-user-gesture-required", "--window-size=1280,800",
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                "--disable-backgrounding-occluded-windows",
                // The test server's HTTPS has the self-signed certificate it made for development.
                "--ignore-certificate-errors",
                "--user-data-dir=" + profile);
        if (clip != null) {
            options.addArguments("--use-file-for-fake-video-capture=" + clip.toAbsolutePath());
        }
        // More switches for a look inside, e.g. "--enable-logging --vmodule=*probe*=3" with CHROME_LOG_FILE set
        // (inherited by Chromium's processes: --log-file reaches only the browser's own, not the pages' WebRTC).
        String extra = System.getenv("BEAM_BROWSER_ARGS");
        if (extra != null && !extra.isBlank()) {
            options.addArguments(extra.trim().split("\\s+"));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }
}
