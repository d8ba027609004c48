package io.visionstream.bench.tracking;

/** A tracker's answer for one box on one frame: its track id and the detection box it was given. */
public record Hypothesis(int id, String label, Box box) { }
