package io.visionstream.bench.tracking;

/**
 * One object on one frame, as the generator placed it: the visible part of its box. {@code ignored} when less
 * than half of it can be seen (off the frame or behind another object): MOTChallenge's rule for such boxes is
 * that missing them is no error and a hypothesis on one is neither right nor wrong.
 */
public record TruthBox(int id, String label, Box box, boolean ignored) { }
