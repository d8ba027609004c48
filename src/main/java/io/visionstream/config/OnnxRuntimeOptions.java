package io.visionstream.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.util.Locale;
import org.apache.flink.configuration.ConfigOption;

/** ONNX Runtime sessions: device, threads and the GPU fallback ({@code runtime.*}). */
public final class OnnxRuntimeOptions {
    public enum Device {
        AUTO, CPU, CUDA;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final ConfigOption<Device> DEVICE = key("runtime.device").enumType(Device.class)
            .defaultValue(Device.AUTO)
            .withDescription("`auto` (CUDA when the GPU build of ONNX Runtime is present), `cpu`, `cuda`");
    public static final ConfigOption<Integer> INTRA_OP_THREADS = key("runtime.intra-op-threads").intType()
            .defaultValue(0)
            .withDescription("ONNX Runtime threads per session; 0 = the TaskManager's cores / its "
                    + "`taskmanager.numberOfTaskSlots` (else / parallelism)");
    public static final ConfigOption<Long> GPU_MEM_LIMIT_MB = key("runtime.gpu-mem-limit-mb").longType()
            .defaultValue(2048L)
            .withDescription("CUDA provider `gpu_mem_limit` per session (arena `kSameAsRequested`, heuristic cuDNN search)");
    public static final ConfigOption<Integer> GPU_MAX_FAILURES = key("runtime.gpu-max-failures").intType()
            .defaultValue(3)
            .withDescription("GPU out-of-memory failures in a row before the slot stays on the CPU");
    public static final ConfigOption<Long> GPU_COOLDOWN_S = key("runtime.gpu-cooldown-s").longType().defaultValue(60L)
            .withDescription("how long it stays on the CPU before trying the GPU again");

    public static final OptionGroup GROUP = new OptionGroup("runtime")
            .add(DEVICE)
            .add(INTRA_OP_THREADS, Rule.atLeastZero("cores / slots"))
            .add(GPU_MEM_LIMIT_MB, Rule.positive())
            .add(GPU_MAX_FAILURES, Rule.positive())
            .add(GPU_COOLDOWN_S, Rule.atLeastZero("no cooldown"));

    private OnnxRuntimeOptions() {
    }
}
