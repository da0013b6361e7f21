package dev.chainrule.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code chainrule --version}: the Maven project version, from a filtered resource. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"chainrule " + version()};
    }

    static String version() {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // Fall through to "unknown": the version is informative, never worth failing for.
        }
        String version = properties.getProperty("version", "");
        return version.isEmpty() || version.startsWith("${") ? "unknown" : version;
    }
}
