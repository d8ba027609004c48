package io.visionstream.model;

import io.visionstream.result.TaskResult;

/**
 * What {@link ModelHandler#infer} gives for one prepared image: the task's result and how it was run.
 *
 * @param runs       session runs this image took (tiles, overview, text recognition not counted)
 * @param inputWidth width of its (largest) model input; with inputHeight, what the result reports as inputSize
 * @param runPixels  input pixels of its largest run: what its activations were sized by
 * @param times      milliseconds per step, measured where the step happened
 */
public record Inference(TaskResult result, int runs, int inputWidth, int inputHeight, long runPixels,
                        StepTimes times) { }
