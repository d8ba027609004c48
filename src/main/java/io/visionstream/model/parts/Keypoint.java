package io.visionstream.model.parts;

public record Keypoint(String name, float x, float y, float score) { }
