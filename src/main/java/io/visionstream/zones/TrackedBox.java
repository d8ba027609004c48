package io.visionstream.zones;

/** A confirmed track's box on the current frame, in original-image pixels. */
public record TrackedBox(int track, String label, float x1, float y1, float x2, float y2) { }
