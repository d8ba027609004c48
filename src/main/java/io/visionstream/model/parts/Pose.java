package io.visionstream.model.parts;

import java.util.List;

public record Pose(float score, List<Keypoint> keypoints) { }
