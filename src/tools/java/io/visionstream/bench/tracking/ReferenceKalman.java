package io.visionstream.bench.tracking;

/**
 * yolox/tracker/kalman_filter.py, line by line: constant velocity over (x, y, a, h), noise relative to the
 * height (1/20 position, 1/160 velocity), the gain by a Cholesky solve as scipy's cho_solve does. Written
 * again here, with plain 8x8 matrices, so the reference shares nothing with the tracker under test.
 */
final class ReferenceKalman {
    private static final double POS = 1.0 / 20;
    private static final double VEL = 1.0 / 160;

    private ReferenceKalman() {
    }

    /** initiate(measurement) → {mean[8], covariance[8][8]} */
    static double[][][] initiate(double[] z) {
        double[] mean = {z[0], z[1], z[2], z[3], 0, 0, 0, 0};
        double h = z[3];
        double[] std = {2 * POS * h, 2 * POS * h, 1e-2, 2 * POS * h, 10 * VEL * h, 10 * VEL * h, 1e-5, 10 * VEL * h};
        double[][] cov = new double[8][8];
        for (int i = 0; i < 8; i++) {
            cov[i][i] = std[i] * std[i];
        }
        return new double[][][] {{mean}, cov};
    }

    /** predict: mean = F mean, cov = F cov Fᵀ + Q, with F = [[I, I], [0, I]]. */
    static double[][][] predict(double[] mean, double[][] cov) {
        double h = mean[3];
        double[] std = {POS * h, POS * h, 1e-2, POS * h, VEL * h, VEL * h, 1e-5, VEL * h};
        double[][] f = motion();
        double[] m = new double[8];
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                m[i] += f[i][j] * mean[j];
            }
        }
        double[][] c = mul(mul(f, cov), transpose(f));
        for (int i = 0; i < 8; i++) {
            c[i][i] += std[i] * std[i];
        }
        return new double[][][] {{m}, c};
    }

    /** update: project, K = P Hᵀ S⁻¹ (Cholesky), mean += K (z − H mean), cov −= K S Kᵀ. */
    static double[][][] update(double[] mean, double[][] cov, double[] z) {
        double h = mean[3];
        double[] std = {POS * h, POS * h, 1e-1, POS * h};
        double[][] s = new double[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                s[i][j] = cov[i][j];
            }
            s[i][i] += std[i] * std[i];
        }
        double[][] l = cholesky(s);
        // K = P Hᵀ S⁻¹: solve S Kᵀ = (P Hᵀ)ᵀ column by column
        double[][] k = new double[8][4];
        for (int r = 0; r < 8; r++) {
            double[] b = {cov[r][0], cov[r][1], cov[r][2], cov[r][3]}; // row r of P Hᵀ (P symmetric)
            double[] x = choSolve(l, b);
            k[r] = x;
        }
        double[] m = mean.clone();
        double[] innovation = new double[4];
        for (int i = 0; i < 4; i++) {
            innovation[i] = z[i] - mean[i];
        }
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 4; j++) {
                m[i] += k[i][j] * innovation[j];
            }
        }
        double[][] ksk = mul(mul(k, s), transpose(k));
        double[][] c = new double[8][8];
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                c[i][j] = cov[i][j] - ksk[i][j];
            }
        }
        return new double[][][] {{m}, c};
    }

    private static double[][] motion() {
        double[][] f = new double[8][8];
        for (int i = 0; i < 8; i++) {
            f[i][i] = 1;
        }
        for (int i = 0; i < 4; i++) {
            f[i][i + 4] = 1;
        }
        return f;
    }

    static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(sum) : sum / l[j][j];
            }
        }
        return l;
    }

    /** Solves L Lᵀ x = b. */
    static double[] choSolve(double[][] l, double[] b) {
        int n = b.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    static double[][] mul(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < b.length; k++) {
                double v = a[i][k];
                for (int j = 0; j < b[0].length; j++) {
                    c[i][j] += v * b[k][j];
                }
            }
        }
        return c;
    }

    static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }
}
