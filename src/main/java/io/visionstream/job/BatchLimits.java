package io.visionstream.job;

import java.io.Serializable;

/**
 * Bounds of a micro-batch: the most records, the most bytes held for it (decoded images and their input
 * tensors), the longest the first record waits for company, and the process resident set above which batches
 * shrink (0: no such limit).
 */
public record BatchLimits(int maxItems, long maxBytes, long maxWaitMs, long pressureRssBytes) implements Serializable { }
