package dev.chainrule.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the plugin wrote, kept in the output directory: for each {@code .calc} file (relative to the
 * source directory, with {@code /}), its last-modified time when it was generated and the files
 * generated from it (relative to the output directory). It is how the plugin knows which files are
 * its own: it deletes and overwrites only those.
 *
 * <p>The format is text, one {@code .calc} file a line, fields separated by tabs:
 * <pre>
 * # chainrule-maven-plugin manifest: do not edit
 * generator	0.1.0
 * calc	paper.calc	1718000000000	examples/paper/Activation.java	examples/paper/Loss.java
 * </pre>
 */
final class Manifest {
    static final String FILE_NAME = ".chainrule-manifest";
    private static final String HEADER = "# chainrule-maven-plugin manifest: what it generated from each .calc file."
            + " Do not edit; delete the output directory to regenerate everything.";

    /** One {@code .calc} file's record. */
    record Entry(long calcModified, List<String> outputs) {
        Entry {
            outputs = List.copyOf(outputs);
        }
    }

    private final String generator;
    private final Map<String, Entry> entries;

    Manifest(String generator, Map<String, Entry> entries) {
        this.generator = generator;
        this.entries = new TreeMap<>(entries);
    }

    static Manifest empty(String generator) {
        return new Manifest(generator, Map.of());
    }

    /** The manifest in {@code outputDirectory}, or an empty one if there is none or it cannot be read. */
    static Manifest read(Path outputDirectory) throws IOException {
        Path file = outputDirectory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return empty("");
        }
        String generator = "";
        Map<String, Entry> entries = new TreeMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (fields[0].equals("generator") && fields.length == 2) {
                generator = fields[1];
            } else if (fields[0].equals("calc") && fields.length >= 3) {
                long modified;
                try {
                    modified = Long.parseLong(fields[2]);
                } catch (NumberFormatException damaged) {
                    modified = -1; // forces regeneration, but the outputs are still known to be ours
                }
                List<String> outputs = new ArrayList<>();
                for (int i = 3; i < fields.length; i++) {
                    if (!fields[i].isEmpty()) {
                        outputs.add(fields[i]);
                    }
                }
                entries.put(fields[1], new Entry(modified, outputs));
            }
        }
        return new Manifest(generator, entries);
    }

    void write(Path outputDirectory) throws IOException {
        Path file = outputDirectory.resolve(FILE_NAME);
        if (entries.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        Files.createDirectories(outputDirectory);
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        text.append("generator\t").append(generator).append('\n');
        entries.forEach((calc, entry) -> {
            text.append("calc\t").append(calc).append('\t').append(entry.calcModified());
            entry.outputs().forEach(output -> text.append('\t').append(output));
            text.append('\n');
        });
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    String generator() {
        return generator;
    }

    Map<String, Entry> entries() {
        return Collections.unmodifiableMap(entries);
    }
}
