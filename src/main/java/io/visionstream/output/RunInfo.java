package io.visionstream.output;

import java.util.Map;

/**
 * How one image was run, as the result reports it: where, whether it fell back to the CPU, in how many model
 * runs (tiles), at which model input size, under which input-size profile (null: the model has none), in a
 * batch of how many records, and the milliseconds of each step ({@code timingsMs}, in its order).
 */
public record RunInfo(String device, boolean fallback, int tiles, int inputWidth, int inputHeight, String profile,
                      int batch, Map<String, Double> timingsMs) { }
