package io.visionstream.model;

import java.io.Serializable;

/** A registry entry's {@code thresholds}: score to keep, IoU for suppression, most detections per image. */
public record Thresholds(float score, float iou, int maxDetections) implements Serializable { }
