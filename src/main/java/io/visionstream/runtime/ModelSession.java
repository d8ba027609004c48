package io.visionstream.runtime;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.platform.Fp16Conversions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.LinkedHashMap;
import ai.onnxruntime.NodeInfo;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model in one slot (Triton's ModelInstanceState; the model itself is an {@link OrtModel}): an ONNX Runtime
 * session opened once, used for every record, closed with the slot.
 * Every native tensor and result created in {@link #run} is closed before it returns.
 *
 * <p>On a GPU the session uses the CUDA provider with a hard {@code gpu_mem_limit}, arenas that grow only by
 * what is asked ({@code kSameAsRequested}) and heuristic cuDNN search (exhaustive search allocates large
 * workspaces). When a run fails for want of memory, the GPU session is rebuilt (it may be poisoned), the run is
 * done on a CPU session of the same model, and the fallback is counted; after {@code gpuMaxFailures} failures
 * the slot stays on the CPU for {@code gpuCooldownMs}, then tries the GPU again.
 */
public final class ModelSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelSession.class);

    /** Opens (or reopens) a session. */
    @FunctionalInterface
    interface Opener {
        OrtSession open() throws OrtException;
    }

    private final OrtEnvironment env = OrtRuntime.environment();
    private final String name;
    private final Opener primaryOpener;
    private final String primaryDevice;
    private final Opener fallbackOpener;
    private final RuntimeOptions options;
    private OrtSession primary;
    private OrtSession fallback;
    private final String inputName;
    /** The outputs to fetch; a model's unused side outputs are never computed or copied. */
    private final Set<String> fetch;
    private final boolean fp16Input;
    private ShortBuffer half;
    private int failures;
    private long coolUntil;
    private long fallbacks;

    ModelSession(OrtModel model, Opener primaryOpener, String primaryDevice, Opener fallbackOpener,
                 RuntimeOptions options) throws OrtException {
        this.name = model.name();
        Set<String> fetch = model.fetch();
        this.primaryOpener = primaryOpener;
        this.primaryDevice = primaryDevice;
        this.fallbackOpener = fallbackOpener;
        this.options = options;
        this.primary = primaryOpener.open();
        try {
            this.inputName = primary.getInputNames().iterator().next();
            this.fetch = fetch.isEmpty() ? primary.getOutputNames() : fetch;
            for (String f : this.fetch) {
                if (!primary.getOutputNames().contains(f)) {
                    throw new UnknownOutputException("model has no output '" + f + "'; outputs: " + primary.getOutputNames());
                }
            }
            this.fp16Input = ((TensorInfo) primary.getInputInfo().get(inputName).getInfo()).type == OnnxJavaType.FLOAT16;
        } catch (RuntimeException | OrtException e) {
            primary.close();
            throw e;
        }
    }

    /** Whether ONNX Runtime plans memory patterns for this session: only where every input shape is fixed. */
    public boolean memoryPatterns() throws OrtException {
        return !OrtModel.hasDynamicInput(primary);
    }

    /** Declared shape of the (first) input, dynamic dimensions as -1. */
    public long[] inputShape() throws OrtException {
        return ((TensorInfo) primary.getInputInfo().get(inputName).getInfo()).getShape();
    }

    /** Declared output shapes (those fetched), dynamic dimensions as -1. */
    public Map<String, long[]> outputShapes() throws OrtException {
        Map<String, NodeInfo> info = primary.getOutputInfo();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (String n : fetch) {
            if (info.get(n).getInfo() instanceof TensorInfo ti) {
                shapes.put(n, ti.getShape());
            }
        }
        return shapes;
    }

    /**
     * Runs on a (direct, reused) input buffer and copies every output to the heap as floats. Float16 models get
     * their input converted into a reused direct fp16 buffer; their fp16 outputs are widened when read.
     */
    public ModelOutputs run(FloatBuffer input, long[] shape) throws OrtException {
        if (fallbackOpener == null) {
            return runOn(primary, input, shape);
        }
        if (System.currentTimeMillis() >= coolUntil) {
            try {
                return runOn(primary, input, shape);
            } catch (OrtException e) {
                if (!isOutOfMemory(e)) {
                    throw e;
                }
                onOutOfMemory(e);
            }
        }
        fallbacks++;
        if (fallback == null) {
            fallback = fallbackOpener.open();
        }
        return runOn(fallback, input, shape);
    }

    private void onOutOfMemory(OrtException e) throws OrtException {
        failures++;
        LOG.warn("model '{}': {} ran out of memory ({}); rebuilding its session, this run goes to the CPU", name,
                primaryDevice, e.getMessage());
        primary.close();
        primary = primaryOpener.open();
        if (failures >= options.gpuMaxFailures()) {
            coolUntil = System.currentTimeMillis() + options.gpuCooldownMs();
            failures = 0;
            LOG.warn("model '{}': {} failures in a row, staying on the CPU for {} ms", name, options.gpuMaxFailures(),
                    options.gpuCooldownMs());
        }
    }

    /** Out-of-memory as ONNX Runtime reports it: the CPU and CUDA allocators, the BFC arena, cuBLAS/cuDNN. */
    static boolean isOutOfMemory(OrtException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return m.contains("failed to allocate memory") || m.contains("out of memory") || m.contains("bfcarena")
                || m.contains("cuda failure 2") || m.contains("cublas_status_alloc_failed")
                || m.contains("cudnn_status_alloc_failed");
    }

    private ModelOutputs runOn(OrtSession session, FloatBuffer input, long[] shape) throws OrtException {
        ModelOutputs outputs = new ModelOutputs();
        try (OnnxTensor tensor = fp16Input ? OnnxTensor.createTensor(env, toFp16(input), shape, OnnxJavaType.FLOAT16)
                : OnnxTensor.createTensor(env, input, shape);
             OrtSession.Result result = session.run(Map.of(inputName, tensor), fetch)) {
            for (Map.Entry<String, OnnxValue> e : result) {
                if (e.getValue() instanceof OnnxTensor t) {
                    outputs.add(e.getKey(), t.getInfo().getShape(), t.getFloatBuffer());
                }
            }
        }
        return outputs;
    }

    private ShortBuffer toFp16(FloatBuffer input) {
        int n = input.remaining();
        if (half == null || half.capacity() < n) {
            half = ByteBuffer.allocateDirect(n * Short.BYTES).order(ByteOrder.nativeOrder()).asShortBuffer();
        }
        half.clear();
        for (int i = 0; i < n; i++) {
            half.put(i, Fp16Conversions.floatToFp16(input.get(input.position() + i)));
        }
        half.limit(n);
        return half;
    }

    /** The registry names an output the model does not have. */
    public static final class UnknownOutputException extends IllegalArgumentException {
        UnknownOutputException(String message) {
            super(message);
        }
    }

    /** The device of the primary session: "cuda" or "cpu". */
    public String device() {
        return primaryDevice;
    }

    /** Whether the slot is staying on the CPU after repeated GPU out-of-memory failures. */
    public boolean coolingDown() {
        return fallbackOpener != null && System.currentTimeMillis() < coolUntil;
    }

    /** Runs that went to the CPU because the GPU ran out of memory (or was cooling down). */
    public long fallbacks() {
        return fallbacks;
    }

    @Override
    public void close() throws OrtException {
        try {
            primary.close();
        } finally {
            if (fallback != null) {
                fallback.close();
            }
        }
    }
}
