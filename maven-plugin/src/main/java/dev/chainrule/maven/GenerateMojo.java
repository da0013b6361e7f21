package dev.chainrule.maven;

import dev.chainrule.syntax.DeepStack;
import dev.chainrule.syntax.Diagnostic;
import dev.chainrule.syntax.Precision;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Generates a Java class for every function of the project's {@code .calc} files, and adds the
 * output directory to the compile source roots.
 *
 * <p>Incremental: a {@code .calc} file whose generated classes are all newer than it is not
 * generated again; the classes of a deleted {@code .calc} file are deleted. Files the plugin did not
 * write are never touched. Every error of every file is reported as {@code file:line:col: message},
 * then the build fails.
 *
 * <p>The generated classes use {@code double}, or {@code float} with {@code <precision>float</precision>}
 * (a file's own {@code precision float;} or {@code precision double;} wins over the option).
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractMojo {
    /** The folder whose {@code .calc} files (in it and in its subfolders) are generated. */
    @Parameter(property = "chainrule.sourceDirectory", defaultValue = "${project.basedir}/src/main/calculus",
            required = true)
    private File sourceDirectory;

    /**
     * The folder the Java files are written to, in folders by package, and added as a compile source
     * root. It also holds the plugin's record of what it wrote, {@code .chainrule-manifest}.
     */
    @Parameter(property = "chainrule.outputDirectory",
            defaultValue = "${project.build.directory}/generated-sources/chainrule", required = true)
    private File outputDirectory;

    /**
     * The number type of the classes of files that declare none: {@code double} (the default) or
     * {@code float}, the same methods on {@code float} and {@code float[]}. A file's own
     * {@code precision float;} or {@code precision double;} wins. Changing it regenerates every file.
     */
    @Parameter(property = "chainrule.precision", defaultValue = "double", required = true)
    private String precision;

    /** Skips generation (and does not add the output directory as a source root). */
    @Parameter(property = "chainrule.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    private PluginDescriptor plugin;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("chainrule: skipped (chainrule.skip)");
            return;
        }
        Precision otherwise = Precision.named(precision).orElseThrow(() -> new MojoFailureException(
                "chainrule: <precision>" + precision + "</precision> is not a precision: expected "
                        + Precision.choices().replace("'", "")));
        IncrementalGenerator generator = new IncrementalGenerator(sourceDirectory.toPath(), outputDirectory.toPath(),
                plugin == null ? "unknown" : plugin.getVersion(), otherwise);
        IncrementalGenerator.Result result = runWithLargeStack(generator);
        if (project != null) {
            project.addCompileSourceRoot(outputDirectory.getAbsolutePath());
        }
        for (Diagnostic error : result.errors()) {
            // The headline, file:line:col: message, is the line IDEs and terminals link; the source
            // line and caret follow it in the same message.
            getLog().error(error.render());
        }
        for (Path deleted : result.deleted()) {
            getLog().debug("chainrule: deleted " + deleted);
        }
        for (Path written : result.written()) {
            getLog().debug("chainrule: wrote " + written);
        }
        if (!result.errors().isEmpty()) {
            int count = result.errors().size();
            throw new MojoFailureException("chainrule: " + count + (count == 1 ? " error" : " errors") + " in "
                    + result.failedFiles() + " of " + result.calcFiles() + " .calc files (listed above)");
        }
        getLog().info(summary(result));
    }

    private String summary(IncrementalGenerator.Result result) {
        if (result.calcFiles() == 0 && result.deleted().isEmpty()) {
            return "chainrule: no .calc files in " + sourceDirectory;
        }
        StringBuilder text = new StringBuilder("chainrule: ");
        int generated = result.calcFiles() - result.upToDate();
        if (generated == 0) {
            text.append("all ").append(result.calcFiles()).append(" .calc files up to date");
        } else {
            text.append(result.written().size()).append(result.written().size() == 1 ? " class" : " classes")
                    .append(" generated from ").append(generated).append(generated == 1 ? " .calc file" : " .calc files");
            if (result.upToDate() > 0) {
                text.append(", ").append(result.upToDate()).append(" up to date");
            }
        }
        if (!result.deleted().isEmpty()) {
            text.append(", ").append(result.deleted().size()).append(" stale ")
                    .append(result.deleted().size() == 1 ? "class" : "classes").append(" deleted");
        }
        return text.append(" (").append(outputDirectory).append(')').toString();
    }

    /** Generation recurses over expressions: deeply nested input needs a deep stack. */
    private static IncrementalGenerator.Result runWithLargeStack(IncrementalGenerator generator)
            throws MojoExecutionException {
        try {
            return DeepStack.call("chainrule-generate", generator::run);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("chainrule: interrupted", e);
        } catch (IOException io) {
            throw new MojoExecutionException("chainrule: " + io, io);
        }
    }
}
