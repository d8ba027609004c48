package io.visionstream.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;
import java.io.IOException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model as ONNX Runtime loads it: its bytes (read once, shared by the CPU and GPU sessions of a slot), the
 * outputs to fetch and how its sessions are built. Triton's ORT backend calls this the ModelState; the sessions
 * that run ({@link ModelSession}) are the per-slot instances.
 */
public final class OrtModel {
    private static final Logger LOG = LoggerFactory.getLogger(OrtModel.class);

    private final String name;
    private final ModelSource source;
    private final byte[] bytes;
    private final Set<String> fetch;

    /** {@code fetch}: the outputs to compute and copy; empty means all of them. */
    public OrtModel(String name, ModelSource source, Set<String> fetch) {
        this.name = name;
        this.source = source;
        this.fetch = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(fetch));
        if (source.isFile()) {
            this.bytes = null; // ONNX Runtime maps the file itself
        } else {
            try {
                this.bytes = source.readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read model '" + name + "' from " + source, e);
            }
        }
    }

    public String name() {
        return name;
    }

    public ModelSource source() {
        return source;
    }

    Set<String> fetch() {
        return fetch;
    }

    /** Opens this model's instance for one slot: on CUDA where wanted and possible, else on the CPU. */
    public ModelSession instance(RuntimeOptions options, int parallelism) throws OrtException {
        int threads = options.threadsFor(parallelism);
        ModelSession.Opener cpu = () -> create(threads, null);
        boolean cuda = wantsCuda(options);
        try {
            ModelSession s = cuda ? new ModelSession(this, () -> create(threads, options), "cuda", cpu, options)
                    : new ModelSession(this, cpu, "cpu", null, options);
            LOG.info("opened model '{}' from {} on {} ({} threads)", name, source, s.device(), threads);
            return s;
        } catch (OrtException e) {
            if (!cuda) {
                throw e;
            }
            LOG.warn("model '{}': CUDA session cannot be created ({}); using CPU", name, e.getMessage());
            return new ModelSession(this, cpu, "cpu", null, options);
        }
    }

    private boolean wantsCuda(RuntimeOptions options) {
        if (options.device() == RuntimeOptions.Device.CPU) {
            return false;
        }
        boolean available = OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
        if (!available && options.device() == RuntimeOptions.Device.CUDA) {
            LOG.warn("model '{}': CUDA requested but this ONNX Runtime build has no CUDA provider; using CPU", name);
        }
        return available;
    }

    /** A session; with gpu options on the CUDA provider with the memory limits {@link ModelSession} describes. */
    private OrtSession create(int threads, RuntimeOptions gpu) throws OrtException {
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            so.setIntraOpNumThreads(threads);
            so.setInterOpNumThreads(1);
            // Converted models (BodyPix) draw one warning per initializer listed as a graph input: noise, not news
            so.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            if (gpu != null) {
                try (OrtCUDAProviderOptions cuda = new OrtCUDAProviderOptions(0)) {
                    cuda.add("gpu_mem_limit", Long.toString(gpu.gpuMemLimitBytes()));
                    cuda.add("arena_extend_strategy", "kSameAsRequested");
                    cuda.add("cudnn_conv_algo_search", "HEURISTIC");
                    so.addCUDA(cuda);
                }
            }
            OrtSession session = createSession(so);
            if (!hasDynamicInput(session)) {
                return session;
            }
            // ONNX Runtime plans a memory pattern for every distinct set of input shapes it sees and keeps each
            // plan for the session's life (onnxruntime#11118). A text line of any width, a page of any size or
            // a batch of any count is a new shape: the plans pile up with the images, a slow native leak. Models
            // with a dynamic input run without them (the arena still reuses the buffers).
            session.close();
            so.setMemoryPatternOptimization(false);
            return createSession(so);
        }
    }

    private OrtSession createSession(OrtSession.SessionOptions so) throws OrtException {
        OrtEnvironment env = OrtRuntime.environment();
        return bytes == null ? env.createSession(source.file().toString(), so) : env.createSession(bytes, so);
    }

    static boolean hasDynamicInput(OrtSession session) throws OrtException {
        for (NodeInfo in : session.getInputInfo().values()) {
            if (in.getInfo() instanceof TensorInfo t) {
                for (long d : t.getShape()) {
                    if (d < 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
