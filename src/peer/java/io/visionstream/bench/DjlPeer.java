package io.visionstream.bench;

import ai.djl.inference.Predictor;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.visionstream.preprocess.ResizePlan;
import io.visionstream.runtime.ModelOutputs;
import io.visionstream.model.ModelRegistry;
import io.visionstream.model.ModelSpec;
import io.visionstream.model.detect.NanoDetDecoder;
import java.io.ByteArrayInputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The peer: NanoDet through DJL's ONNX Runtime engine in a Flink map function, written as DJL's examples write
 * it (Criteria → ZooModel → Predictor per task, a Translator from Image to NDList, session options left to
 * DJL), post-processed by the same NanoDet decoder as the job. Frames come
 * from memory (no Kafka), so it compares with the in-process figures. Loaded by reflection from PeerProbe,
 * present only in builds with {@code -Ppeer}.
 */
public final class DjlPeer {
    /** Per-record (start, end) nanos of every subtask of this JVM's MiniCluster. */
    static final ConcurrentLinkedQueue<long[]> STAMPS = new ConcurrentLinkedQueue<>();

    private DjlPeer() {
    }

    /** Child-JVM entry: REGISTRY MODEL FRAME_DIR PARALLELISM COUNT; prints "RESULT images/s p50 p99". */
    public static void main(String[] a) throws Exception {
        List<byte[]> frames = new ArrayList<>();
        try (var files = Files.list(Path.of(a[2]))) {
            for (Path f : files.sorted().toList()) {
                frames.add(Files.readAllBytes(f));
            }
        }
        double[] r = run(a[0], a[1], frames, Integer.parseInt(a[3]), Integer.parseInt(a[4]));
        System.out.println("RESULT " + r[0] + " " + r[1] + " " + r[2]);
        System.exit(0);
    }

    /**
     * DJL's ONNX Runtime engine creates the process's one OrtEnvironment itself (with its own thread pools), so
     * the peer runs in a JVM of its own. It is started here on a thread with a large stack: on a task thread's
     * default stack ORT 1.29 overflows while reading a long command line and the JVM dies with SIGSEGV.
     */
    private static void startEngine() throws Exception {
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                ai.djl.engine.Engine.getEngine("OnnxRuntime");
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "djl-engine-init", 16L << 20);
        t.start();
        t.join();
        if (failure[0] != null) {
            throw new IllegalStateException("DJL's OnnxRuntime engine cannot start", failure[0]);
        }
    }

    /** Returns images/s, p50 ms, p99 ms. */
    public static double[] run(String registry, String model, List<byte[]> frames, int parallelism, int count)
            throws Exception {
        ModelSpec spec = ModelRegistry.load(registry).get(model);
        startEngine();
        Path file = Files.createTempFile("peer-", ".onnx");
        Files.write(file, spec.source().readAllBytes());
        STAMPS.clear();
        try {
            List<byte[]> input = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                input.add(frames.get(i % frames.size()));
            }
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism);
            env.fromData(PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO, input.toArray(new byte[0][]))
                    .rebalance()
                    .map(new Detect(file.toString(), registry, model))
                    .sinkTo(new DiscardingSink<>());
            env.execute("djl-peer");
        } finally {
            Files.deleteIfExists(file);
        }
        long first = Long.MAX_VALUE;
        long last = 0;
        List<Double> lat = new ArrayList<>();
        for (long[] s : STAMPS) {
            first = Math.min(first, s[0]);
            last = Math.max(last, s[1]);
            lat.add((s[1] - s[0]) / 1e6);
        }
        lat.sort(Double::compare);
        return new double[] {STAMPS.size() / ((last - first) / 1e9), lat.get(lat.size() / 2),
                lat.get(Math.min(lat.size() - 1, (int) Math.ceil(lat.size() * 0.99) - 1))};
    }

    /** The map function: one model and predictor per subtask, opened in open, closed in close. */
    static final class Detect extends RichMapFunction<byte[], Integer> {
        private final String file;
        private final String registry;
        private final String model;
        private transient ZooModel<Image, ModelOutputs> zoo;
        private transient Predictor<Image, ModelOutputs> predictor;
        private transient NanoDetDecoder decoder;

        Detect(String file, String registry, String model) {
            this.file = file;
            this.registry = registry;
            this.model = model;
        }

        @Override
        public void open(OpenContext ctx) throws Exception {
            ModelSpec spec = ModelRegistry.load(registry).get(model);
            decoder = new NanoDetDecoder(spec);
            Criteria<Image, ModelOutputs> criteria = Criteria.builder()
                    .setTypes(Image.class, ModelOutputs.class)
                    .optModelPath(Path.of(file))
                    .optEngine("OnnxRuntime")
                    .optTranslator(new NanoDetTranslator(spec))
                    .build();
            zoo = criteria.loadModel();
            predictor = zoo.newPredictor();
        }

        @Override
        public Integer map(byte[] bytes) throws Exception {
            long t0 = System.nanoTime();
            Image image = ImageFactory.getInstance().fromInputStream(new ByteArrayInputStream(bytes));
            ModelOutputs outputs = predictor.predict(image);
            int found = decoder.decode(outputs, ResizePlan.stretch(image.getWidth(), image.getHeight(), 416, 416)).size();
            STAMPS.add(new long[] {t0, System.nanoTime()});
            return found;
        }

        @Override
        public void close() {
            if (predictor != null) {
                predictor.close();
            }
            if (zoo != null) {
                zoo.close();
            }
        }
    }

    /**
     * Pre-processing as far as DJL's ONNX Runtime engine allows offline: DJL's examples resize and normalise with
     * NDImageUtils and NDArray arithmetic, but OnnxRuntime NDArrays do not implement those and hand them to an
     * alternative engine (PyTorch), whose native library DJL downloads at first use, which cannot happen here
     * ("This NDArray implementation does not currently support this operation"). So: DJL's Image.resize (Java2D),
     * then the pixels packed in Java (getRGB, as a DJL user without an NDArray engine writes it) into an NDArray.
     */
    static final class NanoDetTranslator implements Translator<Image, ModelOutputs> {
        private final float[] mean;
        private final float[] std;

        NanoDetTranslator(ModelSpec spec) {
            mean = new float[] {spec.mean()[0], spec.mean()[1], spec.mean()[2]};
            std = new float[] {spec.std()[0], spec.std()[1], spec.std()[2]};
        }

        @Override
        public NDList processInput(TranslatorContext ctx, Image input) {
            java.awt.image.BufferedImage img = (java.awt.image.BufferedImage) input.resize(416, 416, false).getWrappedImage();
            int n = 416 * 416;
            float[] chw = new float[3 * n];
            for (int y = 0; y < 416; y++) {
                for (int x = 0; x < 416; x++) {
                    int rgb = img.getRGB(x, y);
                    int i = y * 416 + x;
                    chw[i] = ((rgb & 0xFF) - mean[0]) / std[0];               // B
                    chw[n + i] = (((rgb >> 8) & 0xFF) - mean[1]) / std[1];    // G
                    chw[2 * n + i] = (((rgb >> 16) & 0xFF) - mean[2]) / std[2]; // R
                }
            }
            return new NDList(ctx.getNDManager().create(FloatBuffer.wrap(chw), new ai.djl.ndarray.types.Shape(1, 3, 416, 416)));
        }

        @Override
        public ModelOutputs processOutput(TranslatorContext ctx, NDList list) {
            ModelOutputs outputs = new ModelOutputs();
            for (NDArray a : list) {
                outputs.add(a.getName(), a.getShape().getShape(), FloatBuffer.wrap(a.toFloatArray()));
            }
            return outputs;
        }

        /** No batchifier: stacking is another NDArray operation the OnnxRuntime engine lacks. */
        @Override
        public ai.djl.translate.Batchifier getBatchifier() {
            return null;
        }
    }
}
