package dev.chainrule.serve;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Opens the page in the user's browser, where there is one: for {@code chainrule serve --open}. */
public final class Browser {
    private Browser() {}

    /** Opens {@code uri}; empty on success, else why it could not be opened. */
    public static Optional<String> open(URI uri) {
        if (!GraphicsEnvironment.isHeadless() && Desktop.isDesktopSupported()
                && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
            try {
                Desktop.getDesktop().browse(uri);
                return Optional.empty();
            } catch (IOException | UnsupportedOperationException e) {
                // Try the platform's own command below.
            }
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<String> command = os.contains("mac") ? List.of("open", uri.toString())
                : os.contains("win") ? List.of("rundll32", "url.dll,FileProtocolHandler", uri.toString())
                : List.of("xdg-open", uri.toString());
        if (!os.contains("win") && !onPath(command.get(0))) {
            return Optional.of("no browser to open here (no desktop, and no " + command.get(0) + ")");
        }
        if (!os.contains("mac") && !os.contains("win") && System.getenv("DISPLAY") == null
                && System.getenv("WAYLAND_DISPLAY") == null) {
            return Optional.of("no browser to open here (no display)");
        }
        try {
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("could not start a browser: " + e.getMessage());
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (new File(dir, program).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
