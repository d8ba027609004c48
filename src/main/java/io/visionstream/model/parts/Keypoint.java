package io.visionstream.model.parts;

/** One pose keypoint: PoseNet's name, its position in model-input pixels and its heatmap probability. */
public record Keypoint(String name, float x, float y, float score) {
}
