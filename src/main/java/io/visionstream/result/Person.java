package io.visionstream.result;

import java.util.List;
import java.util.Map;

/**
 * One person a body-parts model found: box and keypoints in original-image pixels, and the share of the
 * person's mask pixels that each body part covers (part names in the model's order, parts absent when 0).
 */
public record Person(float[] box, float score, Map<String, Double> parts, List<Keypoint> keypoints) {

    /** A pose keypoint: PoseNet's name, position in original pixels, confidence. */
    public record Keypoint(String name, float x, float y, float score) {
        public Keypoint moved(double scaleX, double scaleY, double dx, double dy) {
            return new Keypoint(name, (float) (x * scaleX + dx), (float) (y * scaleY + dy), score);
        }
    }

    /** This person seen from a frame in which its image was scaled and placed at (dx, dy). */
    public Person moved(double scaleX, double scaleY, double dx, double dy) {
        float[] b = {(float) (box[0] * scaleX + dx), (float) (box[1] * scaleY + dy), (float) (box[2] * scaleX + dx),
            (float) (box[3] * scaleY + dy)};
        return new Person(b, score, parts, keypoints.stream().map(k -> k.moved(scaleX, scaleY, dx, dy)).toList());
    }
}
