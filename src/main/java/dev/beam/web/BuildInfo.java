package dev.beam.web;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Name and version of this build, from the resource Maven fills in. */
@ApplicationScoped
public class BuildInfo {
    private final Properties properties = new Properties();

    public BuildInfo() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("/beam-build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return properties.getProperty("name", "Beam");
    }

    public String version() {
        return properties.getProperty("version", "unknown");
    }
}
