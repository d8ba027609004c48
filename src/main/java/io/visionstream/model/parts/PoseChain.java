package io.visionstream.model.parts;

/**
 * BodyPix's skeleton as a tree rooted at the nose (keypoints.ts POSE_CHAIN): edge e joins {@link #PARENT}[e] to
 * {@link #CHILD}[e], and displacement channel e holds that edge's vector (forward: parent to child). The tree lets a
 * pose be walked from any keypoint: up the edges backwards, then down them forwards.
 */
final class PoseChain {
    // nose=0, leftEye=1, rightEye=2, leftEar=3, rightEar=4, leftShoulder=5, rightShoulder=6, leftElbow=7,
    // rightElbow=8, leftWrist=9, rightWrist=10, leftHip=11, rightHip=12, leftKnee=13, rightKnee=14,
    // leftAnkle=15, rightAnkle=16
    static final int[] PARENT = {0, 1, 0, 2, 0, 5, 7, 5, 11, 13, 0, 6, 8, 6, 12, 14};
    static final int[] CHILD = {1, 3, 2, 4, 5, 7, 9, 11, 13, 15, 6, 8, 10, 12, 14, 16};

    private PoseChain() {
    }
}
