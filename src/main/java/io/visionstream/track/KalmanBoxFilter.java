package io.visionstream.track;

/**
 * ByteTrack's constant-velocity Kalman filter over (cx, cy, aspect, height) and their velocities, its noise
 * scaled by the box height (std_weight_position 1/20, std_weight_velocity 1/160), as in
 * yolox/tracker/kalman_filter.py. State: mean[8] and a row-major covariance[64]; no allocation per call
 * beyond small scratch arrays.
 */
final class KalmanBoxFilter {
    private static final double POS = 1.0 / 20;
    private static final double VEL = 1.0 / 160;

    private KalmanBoxFilter() {
    }

    /** A new track's state from its first measurement (cx, cy, a, h). */
    static void initiate(double[] z, double[] mean, double[] cov) {
        for (int i = 0; i < 4; i++) {
            mean[i] = z[i];
            mean[i + 4] = 0;
        }
        double h = z[3];
        double[] std = {2 * POS * h, 2 * POS * h, 1e-2, 2 * POS * h, 10 * VEL * h, 10 * VEL * h, 1e-5, 10 * VEL * h};
        java.util.Arrays.fill(cov, 0);
        for (int i = 0; i < 8; i++) {
            cov[i * 8 + i] = std[i] * std[i];
        }
    }

    /** One step ahead: mean += velocity, cov = F cov Fᵀ + Q. */
    static void predict(double[] mean, double[] cov) {
        double h = mean[3];
        double[] q = {POS * h, POS * h, 1e-2, POS * h, VEL * h, VEL * h, 1e-5, VEL * h};
        for (int i = 0; i < 4; i++) {
            mean[i] += mean[i + 4];
        }
        // F = [[I, I], [0, I]]: F P Fᵀ by blocks, A = P11 + P12 + P21 + P22, B = P12 + P22, C = P21 + P22, D = P22
        double[] p = cov.clone();
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                double p11 = p[r * 8 + c];
                double p12 = p[r * 8 + c + 4];
                double p21 = p[(r + 4) * 8 + c];
                double p22 = p[(r + 4) * 8 + c + 4];
                cov[r * 8 + c] = p11 + p12 + p21 + p22;
                cov[r * 8 + c + 4] = p12 + p22;
                cov[(r + 4) * 8 + c] = p21 + p22;
                cov[(r + 4) * 8 + c + 4] = p22;
            }
        }
        for (int i = 0; i < 8; i++) {
            cov[i * 8 + i] += q[i] * q[i];
        }
    }

    /** The Kalman correction with measurement z = (cx, cy, a, h); H picks the first four state entries. */
    static void update(double[] mean, double[] cov, double[] z) {
        double h = mean[3];
        double[] r = {POS * h, POS * h, 1e-1, POS * h};
        // S = H P Hᵀ + R (the top-left 4×4 block plus R)
        double[] s = new double[16];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                s[i * 4 + j] = cov[i * 8 + j];
            }
            s[i * 4 + i] += r[i] * r[i];
        }
        double[] sInv = invert4(s);
        // K = P Hᵀ S⁻¹ : 8×4, P Hᵀ is P's first four columns
        double[] k = new double[32];
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 4; j++) {
                double v = 0;
                for (int m = 0; m < 4; m++) {
                    v += cov[i * 8 + m] * sInv[m * 4 + j];
                }
                k[i * 4 + j] = v;
            }
        }
        double[] innovation = new double[4];
        for (int i = 0; i < 4; i++) {
            innovation[i] = z[i] - mean[i];
        }
        for (int i = 0; i < 8; i++) {
            double v = 0;
            for (int j = 0; j < 4; j++) {
                v += k[i * 4 + j] * innovation[j];
            }
            mean[i] += v;
        }
        // P = P − K S Kᵀ, which equals P − K H P
        double[] hp = new double[32]; // H P: P's first four rows
        System.arraycopy(cov, 0, hp, 0, 32);
        double[] next = new double[64];
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                double v = 0;
                for (int m = 0; m < 4; m++) {
                    v += k[i * 4 + m] * hp[m * 8 + j];
                }
                next[i * 8 + j] = cov[i * 8 + j] - v;
            }
        }
        System.arraycopy(next, 0, cov, 0, 64);
    }

    /** The inverse of a symmetric positive definite 4×4 matrix, by Gauss-Jordan elimination with pivoting. */
    static double[] invert4(double[] m) {
        double[] a = m.clone();
        double[] inv = new double[16];
        for (int i = 0; i < 4; i++) {
            inv[i * 4 + i] = 1;
        }
        for (int col = 0; col < 4; col++) {
            int pivot = col;
            for (int r = col + 1; r < 4; r++) {
                if (Math.abs(a[r * 4 + col]) > Math.abs(a[pivot * 4 + col])) {
                    pivot = r;
                }
            }
            if (pivot != col) {
                for (int c = 0; c < 4; c++) {
                    double t = a[col * 4 + c];
                    a[col * 4 + c] = a[pivot * 4 + c];
                    a[pivot * 4 + c] = t;
                    t = inv[col * 4 + c];
                    inv[col * 4 + c] = inv[pivot * 4 + c];
                    inv[pivot * 4 + c] = t;
                }
            }
            double d = a[col * 4 + col];
            if (d == 0) {
                d = 1e-12;
            }
            for (int c = 0; c < 4; c++) {
                a[col * 4 + c] /= d;
                inv[col * 4 + c] /= d;
            }
            for (int r = 0; r < 4; r++) {
                if (r != col) {
                    double f = a[r * 4 + col];
                    for (int c = 0; c < 4; c++) {
                        a[r * 4 + c] -= f * a[col * 4 + c];
                        inv[r * 4 + c] -= f * inv[col * 4 + c];
                    }
                }
            }
        }
        return inv;
    }
}
