package io.visionstream.runtime;

import java.io.Serializable;

/**
 * How sessions are created in a slot. {@code intraOpThreads = 0} means "the machine's cores divided by the
 * operator's parallelism", so that the slots of one TaskManager do not oversubscribe the CPU.
 */
public record RuntimeOptions(Device device, int intraOpThreads, long gpuMemLimitBytes, int gpuMaxFailures,
                             long gpuCooldownMs) implements Serializable {
    public enum Device { AUTO, CPU, CUDA }

    public RuntimeOptions(Device device, int intraOpThreads) {
        this(device, intraOpThreads, 2048L << 20, 3, 60_000);
    }

    public static RuntimeOptions defaults() {
        return new RuntimeOptions(Device.AUTO, 0);
    }

    public int threadsFor(int parallelism) {
        if (intraOpThreads > 0) {
            return intraOpThreads;
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, parallelism));
    }
}
