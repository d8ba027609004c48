package io.visionstream.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.visionstream.model.ModelOutputs;
import io.visionstream.model.ModelSpec;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ONNX Runtime session for one model in one slot. Opened once, used for every record, closed with the
 * slot. Every native tensor and result created in {@link #run} is closed before it returns.
 */
public final class ModelSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelSession.class);

    private final OrtEnvironment env;
    private final OrtSession session;
    private final String inputName;
    private final String device;
    /** The outputs to fetch; a model's unused side outputs are never computed or copied. */
    private final Set<String> fetch;

    private ModelSession(OrtEnvironment env, OrtSession session, String device, Set<String> fetch) throws OrtException {
        this.env = env;
        this.session = session;
        this.inputName = session.getInputNames().iterator().next();
        this.device = device;
        this.fetch = fetch.isEmpty() ? session.getOutputNames() : fetch;
        for (String name : this.fetch) {
            if (!session.getOutputNames().contains(name)) {
                throw new IllegalArgumentException("model has no output '" + name + "'; outputs: " + session.getOutputNames());
            }
        }
    }

    public static ModelSession open(ModelSpec spec, RuntimeOptions options, int parallelism) throws OrtException {
        OrtEnvironment env = OrtRuntime.environment();
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            so.setIntraOpNumThreads(options.threadsFor(parallelism));
            so.setInterOpNumThreads(1);
            String device = "cpu";
            if (options.device() != RuntimeOptions.Device.CPU) {
                device = tryCuda(so, options, spec) ? "cuda" : "cpu";
            }
            OrtSession session = spec.source().isFile()
                    ? env.createSession(spec.source().file().toString(), so)
                    : env.createSession(spec.source().readAllBytes(), so);
            LOG.info("opened model '{}' from {} on {} ({} threads)", spec.name(), spec.source(), device,
                    options.threadsFor(parallelism));
            Set<String> fetch = new LinkedHashSet<>();
            if (spec.options().has("outputs")) {
                fetch.addAll(List.of(spec.options().string("outputs", null).split("\\s*,\\s*")));
            }
            try {
                return new ModelSession(env, session, device, fetch);
            } catch (IllegalArgumentException e) {
                session.close();
                throw spec.options().fail("outputs", e.getMessage());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read model '" + spec.name() + "' from " + spec.source(), e);
        }
    }

    private static boolean tryCuda(OrtSession.SessionOptions so, RuntimeOptions options, ModelSpec spec) {
        boolean available = OrtEnvironment.getAvailableProviders().contains(ai.onnxruntime.OrtProvider.CUDA);
        if (!available) {
            if (options.device() == RuntimeOptions.Device.CUDA) {
                LOG.warn("model '{}': CUDA requested but this ONNX Runtime build has no CUDA provider; using CPU",
                        spec.name());
            }
            return false;
        }
        try {
            so.addCUDA(0);
            return true;
        } catch (OrtException e) {
            LOG.warn("model '{}': CUDA execution provider cannot be created ({}); using CPU", spec.name(),
                    e.getMessage());
            return false;
        }
    }

    /** Declared shape of the (first) input, dynamic dimensions as -1. */
    public long[] inputShape() throws OrtException {
        return ((TensorInfo) session.getInputInfo().get(inputName).getInfo()).getShape();
    }

    /** Declared output shapes in the model's output order, dynamic dimensions as -1. */
    public Map<String, long[]> outputShapes() throws OrtException {
        Map<String, NodeInfo> info = session.getOutputInfo();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (String name : session.getOutputNames()) {
            if (info.get(name).getInfo() instanceof TensorInfo ti) {
                shapes.put(name, ti.getShape());
            }
        }
        return shapes;
    }

    /** Runs on a (direct, reused) input buffer and copies every float output to the heap. */
    public ModelOutputs run(FloatBuffer input, long[] shape) throws OrtException {
        ModelOutputs outputs = new ModelOutputs();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, input, shape);
             OrtSession.Result result = session.run(Map.of(inputName, tensor), fetch)) {
            for (Map.Entry<String, OnnxValue> e : result) {
                if (e.getValue() instanceof OnnxTensor t) {
                    outputs.add(e.getKey(), t.getInfo().getShape(), t.getFloatBuffer());
                }
            }
        }
        return outputs;
    }

    public String device() {
        return device;
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
