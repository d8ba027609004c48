package io.visionstream.streams;

import io.visionstream.output.Output;

/** A result or reject waiting in its stream's reorder buffer, with the time the job read its image. */
public class PendingFrame {
    public Output output;
    public long arrival;

    public PendingFrame() {
    }

    public PendingFrame(Output output, long arrival) {
        this.output = output;
        this.arrival = arrival;
    }

    long orderKey() {
        return output.origin().orderKey();
    }
}
