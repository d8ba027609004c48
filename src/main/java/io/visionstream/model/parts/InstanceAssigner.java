package io.visionstream.model.parts;

import java.util.List;

public final class InstanceAssigner {
    public static int[] assign(BodyPixGrid g, List<Pose> poses, float minKeypointScore, int refineSteps) {
        int[] a = new int[g.gh() * g.gw()];
        java.util.Arrays.fill(a, -1);
        return a;
    }
}
