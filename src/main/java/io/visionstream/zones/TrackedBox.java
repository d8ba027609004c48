package io.visionstream.zones;

import io.visionstream.result.Detection;
import java.util.ArrayList;
import java.util.List;

/** A confirmed track's box on the current frame, in original-image pixels. */
public record TrackedBox(int track, String label, float x1, float y1, float x2, float y2) {

    /** The detections the tracker gave an id ({@code ids[i] > 0}: confirmed), as the lines and zones see them. */
    public static List<TrackedBox> confirmed(List<Detection> detections, int[] ids) {
        List<TrackedBox> boxes = new ArrayList<>();
        for (int i = 0; i < detections.size(); i++) {
            if (ids[i] > 0) {
                Detection d = detections.get(i);
                boxes.add(new TrackedBox(ids[i], d.label(), d.x1(), d.y1(), d.x2(), d.y2()));
            }
        }
        return boxes;
    }
}
