package io.visionstream.model.parts;

import java.util.List;

public final class PoseDecoder {
    public static List<Pose> decodeMultiple(BodyPixGrid g, int maxPoses, float scoreThreshold, int nmsRadius) {
        return List.of();
    }
}
