package dev.beam.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The pages as a person sees them in a real browser, before any media flows. */
class PagesBrowserIT {
    private ChromeDriver browser;

    @BeforeEach
    void startBrowser() throws Exception {
        Browsers.requireBrowser();
        browser = Browsers.start();
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theBroadcasterPageOffersStartStreamingAndTheViewerPageSaysNothingIsLive() throws Exception {
        browser.get(TestServer.uri().resolve("/stream?room=pages-it").toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        assertEquals("Start Streaming", browser.findElement(By.id("start-button")).getText());
        assertTrue(browser.findElement(By.id("start-button")).isDisplayed());
        wait.until(d -> "0".equals(d.findElement(By.id("viewer-count")).getText()));

        String broadcasterTab = browser.getWindowHandle();
        WebDriver viewerTab = browser.switchTo().newWindow(WindowType.TAB);
        viewerTab.get(TestServer.uri().resolve("/watch?room=pages-it").toString());
        wait.until(d -> d.findElement(By.id("no-stream")).isDisplayed());
        assertEquals("No stream available", viewerTab.findElement(By.id("no-stream")).getText());
        assertTrue(viewerTab.findElement(By.id("remote-video")).isDisplayed());
        wait.until(d -> "1".equals(d.findElement(By.id("viewer-count")).getText()));
        Browsers.screenshot(viewerTab, "watch-offline");

        browser.switchTo().window(broadcasterTab);
        wait.until(d -> "1".equals(d.findElement(By.id("viewer-count")).getText()));
        Browsers.screenshot(browser, "stream-idle");
    }

    @Test
    void theRootLeadsToTheBroadcasterPage() {
        browser.get(TestServer.uri().toString());

        assertTrue(browser.getCurrentUrl().endsWith("/stream"), browser.getCurrentUrl());
        assertEquals("Start Streaming", browser.findElement(By.id("start-button")).getText());
    }
}
