package dev.chainrule.benchmarks.report;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;

/** The report's chart: every ratio of every model as grouped bars, on a logarithmic axis. */
final class RatioChart {
    private static final Color[] COLORS = {
        new Color(0x1b9e77), new Color(0x7570b3), new Color(0xd95f02), new Color(0xe7298a), new Color(0x66a61e)};

    private RatioChart() {}

    static void write(Results results, List<String> models, Path png) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(1100).height(560)
                .title("chainrule: time ratios per model, one JMH run (log scale; lower is better for the first two)")
                .xAxisTitle("model").yAxisTitle("ratio of times").build();
        CategoryStyler styler = chart.getStyler();
        styler.setYAxisLogarithmic(true);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setSeriesColors(COLORS);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setAvailableSpaceFill(0.85);
        styler.setDecimalPattern("#,##0.##");
        double smallest = 1;
        for (Ratios ratio : Ratios.all()) {
            List<String> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (String model : models) {
                ratio.of(results, model).ifPresent(value -> {
                    if (value > 0 && Double.isFinite(value)) {
                        x.add(model);
                        y.add(value);
                    }
                });
            }
            // a category chart's series share their categories: a ratio some model lacks is left out
            if (x.size() == models.size()) {
                chart.addSeries(ratio.label(), x, y);
                smallest = Math.min(smallest, y.stream().mapToDouble(Double::doubleValue).min().orElse(1));
            }
        }
        // Bars on a logarithmic axis start at its minimum, which must be positive: a power of ten
        // below the smallest ratio.
        styler.setYAxisMin(Math.pow(10, Math.floor(Math.log10(smallest))));
        Files.createDirectories(png.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(png)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
