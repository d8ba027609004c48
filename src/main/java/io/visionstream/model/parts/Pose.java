package io.visionstream.model.parts;

import java.util.List;

/**
 * One person's pose: the 17 keypoints in PoseNet's order ({@link BodyParts#KEYPOINTS}), in model-input pixels, and
 * the instance score BodyPix gives it (the mean keypoint score, counting only keypoints no earlier pose claimed).
 */
public record Pose(float score, List<Keypoint> keypoints) {
    public Pose {
        keypoints = List.copyOf(keypoints);
        if (keypoints.size() != BodyPixGrid.KEYPOINTS) {
            throw new IllegalArgumentException(keypoints.size() + " keypoints, expected " + BodyPixGrid.KEYPOINTS);
        }
    }

    public Keypoint keypoint(int k) {
        return keypoints.get(k);
    }
}
