package io.visionstream.model.text;

import java.nio.FloatBuffer;
import java.util.List;

/**
 * Greedy CTC decoding of a PP-OCR recognizer's [1, T, K] per-step probabilities: best class per step,
 * repeats collapsed, blanks (class 0) dropped. Class i (1 ≤ i ≤ dictionary size) is dictionary line i−1;
 * the class after the dictionary is a space.
 */
public final class CtcDecoder {
    /** The decoded text and its mean character probability. */
    public record Text(String text, float score) { }

    private final List<String> dictionary;

    public CtcDecoder(List<String> dictionary) {
        this.dictionary = dictionary;
    }

    public Text decode(FloatBuffer probs, int steps, int classes) {
        StringBuilder sb = new StringBuilder();
        double sum = 0;
        int kept = 0;
        int prev = 0;
        for (int t = 0; t < steps; t++) {
            int base = t * classes;
            int best = 0;
            float bestP = probs.get(base);
            for (int c = 1; c < classes; c++) {
                float p = probs.get(base + c);
                if (p > bestP) {
                    bestP = p;
                    best = c;
                }
            }
            if (best != 0 && best != prev) {
                sb.append(best <= dictionary.size() ? dictionary.get(best - 1) : " ");
                sum += bestP;
                kept++;
            }
            prev = best;
        }
        return new Text(sb.toString().strip(), kept == 0 ? 0f : (float) (sum / kept));
    }
}
