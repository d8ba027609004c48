package io.visionstream.model.parts;

import io.visionstream.result.Person;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** BodyPix's part and keypoint names, and its poses and painted pixels made into the result's people. */
public final class BodyParts {
    /** The 24 parts in BodyPix's channel order (left and right are the person's own). */
    public static final List<String> NAMES = List.of("left_face", "right_face", "left_upper_arm_front",
            "left_upper_arm_back", "right_upper_arm_front", "right_upper_arm_back", "left_lower_arm_front",
            "left_lower_arm_back", "right_lower_arm_front", "right_lower_arm_back", "left_hand", "right_hand",
            "torso_front", "torso_back", "left_upper_leg_front", "left_upper_leg_back", "right_upper_leg_front",
            "right_upper_leg_back", "left_lower_leg_front", "left_lower_leg_back", "right_lower_leg_front",
            "right_lower_leg_back", "left_foot", "right_foot");

    /** The 17 keypoints in PoseNet's order, with PoseNet's names. */
    public static final List<String> KEYPOINTS = List.of("nose", "leftEye", "rightEye", "leftEar", "rightEar",
            "leftShoulder", "rightShoulder", "leftElbow", "rightElbow", "leftWrist", "rightWrist", "leftHip",
            "rightHip", "leftKnee", "rightKnee", "leftAnkle", "rightAnkle");

    private BodyParts() {
    }

    /**
     * One person per pose that owns mask pixels: its box is that of its pixels, its parts the share of its pixels per
     * part, its keypoints moved from model-input to image pixels by (sx, sy).
     */
    static List<Person> people(List<Pose> poses, PartPainter.Painted painted, double sx, double sy) {
        List<Person> out = new ArrayList<>();
        for (int i = 0; i < poses.size(); i++) {
            long pixels = painted.personPixels()[i];
            if (pixels == 0) {
                continue;
            }
            Map<String, Double> parts = new LinkedHashMap<>();
            for (int k = 0; k < NAMES.size(); k++) {
                long n = painted.personParts()[i][k];
                if (n > 0) {
                    parts.put(NAMES.get(k), (double) n / pixels);
                }
            }
            int[] b = painted.personBoxes()[i];
            List<Person.Keypoint> keypoints = new ArrayList<>(KEYPOINTS.size());
            List<Keypoint> kps = poses.get(i).keypoints();
            for (int k = 0; k < kps.size(); k++) {
                Keypoint kp = kps.get(k);
                keypoints.add(new Person.Keypoint(KEYPOINTS.get(k), (float) ((kp.x() + 0.5) * sx - 0.5),
                        (float) ((kp.y() + 0.5) * sy - 0.5), kp.score()));
            }
            out.add(new Person(new float[] {b[0], b[1], b[2], b[3]}, poses.get(i).score(), parts, keypoints));
        }
        return out;
    }
}
