package io.visionstream.bench;

import ai.djl.inference.Predictor;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.visionstream.image.ResizePlan;
import io.visionstream.model.ModelOutputs;
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
 * it (Criteria → ZooModel → Predictor per task, a Translator that turns an Image into an NDArray with
 * NDImageUtils, session options left to DJL), post-processed by the same NanoDet decoder as the job. Frames come
 * from memory (no Kafka), so it compares with the in-process figures. Loaded by reflection from PeerProbe,
 * present only in builds with {@code -Ppeer}.
 */
public final class DjlPeer {
    /** Per-record (start, end) nanos of every subtask of this JVM's MiniCluster. */
    static final ConcurrentLinkedQueue<long[]> STAMPS = new ConcurrentLinkedQueue<>();

    private DjlPeer() {
    }

    /** Returns images/s, p50 ms, p99 ms. */
    public static double[] run(String registry, String model, List<byte[]> frames, int parallelism, int count)
            throws Exception {
        ModelSpec spec = ModelRegistry.load(registry).get(model);
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
        private transient ZooModel<Image, NDList> zoo;
        private transient Predictor<Image, NDList> predictor;
        private transient NanoDetDecoder decoder;
        private transient List<String> names;

        Detect(String file, String registry, String model) {
            this.file = file;
            this.registry = registry;
            this.model = model;
        }

        @Override
        public void open(OpenContext ctx) throws Exception {
            ModelSpec spec = ModelRegistry.load(registry).get(model);
            decoder = new NanoDetDecoder(spec);
            Criteria<Image, NDList> criteria = Criteria.builder()
                    .setTypes(Image.class, NDList.class)
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
            ModelOutputs outputs = new ModelOutputs();
            try (NDList out = predictor.predict(image)) {
                for (NDArray a : out) {
                    outputs.add(a.getName(), a.getShape().getShape(), FloatBuffer.wrap(a.toFloatArray()));
                }
            }
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

    /** DJL-style pre-processing: Image → NDArray (HWC, RGB) → resize → BGR → normalise → CHW. */
    static final class NanoDetTranslator implements Translator<Image, NDList> {
        private final float[] mean;
        private final float[] std;

        NanoDetTranslator(ModelSpec spec) {
            mean = new float[] {spec.mean()[0], spec.mean()[1], spec.mean()[2]};
            std = new float[] {spec.std()[0], spec.std()[1], spec.std()[2]};
        }

        @Override
        public NDList processInput(TranslatorContext ctx, Image input) {
            NDArray rgb = input.toNDArray(ctx.getNDManager(), Image.Flag.COLOR);
            NDArray resized = NDImageUtils.resize(rgb, 416, 416).toType(DataType.FLOAT32, false);
            NDArray bgr = resized.flip(2);
            NDArray norm = bgr.sub(ctx.getNDManager().create(mean)).div(ctx.getNDManager().create(std));
            return new NDList(norm.transpose(2, 0, 1));
        }

        @Override
        public NDList processOutput(TranslatorContext ctx, NDList list) {
            NDList out = new NDList();
            for (NDArray a : list) {
                NDArray copy = a.duplicate();
                copy.setName(a.getName());
                copy.detach();
                out.add(copy);
            }
            return out;
        }
    }
}
