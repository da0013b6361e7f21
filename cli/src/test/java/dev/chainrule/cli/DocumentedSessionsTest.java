package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The sessions the documentation shows cannot drift from what the command line does: every code
 * block of README.md and docs/*.md that starts with {@code $ chainrule …} (or {@code $ ./chainrule})
 * is run, and what it prints, standard output then standard error, must be the rest of the block.
 */
class DocumentedSessionsTest {
    private static final Pattern FENCE = Pattern.compile("(?m)^```[\\w-]*\\n(.*?)^```\\n", Pattern.DOTALL);
    private static final Pattern SESSION = Pattern.compile("\\$ (?:\\./)?chainrule (.*)\\n((?s).*)");

    @Test
    void everyDocumentedSessionPrintsWhatTheDocumentationShows() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("..", "README.md")));
        try (Stream<Path> docs = Files.list(Path.of("..", "docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        int sessions = 0;
        for (Path page : pages) {
            Matcher block = FENCE.matcher(Files.readString(page));
            while (block.find()) {
                Matcher session = SESSION.matcher(block.group(1));
                if (!session.matches()) {
                    continue;
                }
                String command = session.group(1);
                CliRun run = CliRun.run(words(command).toArray(String[]::new));
                assertEquals(session.group(2).stripTrailing(), (run.out() + run.err()).stripTrailing(),
                        page.getFileName() + ": chainrule " + command);
                sessions++;
            }
        }
        assertTrue(sessions >= 2, "the README and the language page show sessions; found " + sessions);
    }

    /** A command line split as a POSIX shell splits it: words, and text in single or double quotes. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (c == ' ') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    @Test
    void wordsAreSplitAsAShellSplitsThem() {
        assertEquals(List.of("grad", "x'*A*x", "--wrt", "x"), words("grad \"x'*A*x\" --wrt x"));
        assertEquals(List.of("eval", "sum(x)", "--at", "x=[1, 2]"), words("eval 'sum(x)' --at 'x=[1, 2]'"));
        assertEquals(List.of("a\"b", "c"), words("'a\"b'  c"));
    }
}
