package dev.chainrule.benchmarks.report;

/** The exponent p of y ∝ x^p fitted by least squares on log y against log x. */
public final class Growth {
    private Growth() {}

    public static double exponent(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("need two or more points of x and y alike");
        }
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < x.length; i++) {
            meanX += Math.log(x[i]);
            meanY += Math.log(y[i]);
        }
        meanX /= x.length;
        meanY /= x.length;
        double covariance = 0;
        double variance = 0;
        for (int i = 0; i < x.length; i++) {
            double dx = Math.log(x[i]) - meanX;
            covariance += dx * (Math.log(y[i]) - meanY);
            variance += dx * dx;
        }
        return covariance / variance;
    }
}
