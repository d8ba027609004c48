package io.visionstream.bench.tracking;

import io.visionstream.model.ModelHandler;
import io.visionstream.model.ModelSpec;
import io.visionstream.result.Detection;
import io.visionstream.result.TaskResult;
import io.visionstream.runtime.SlotContext;
import io.visionstream.serving.ModelHandlers;
import java.util.ArrayList;
import java.util.List;

/** The detector's boxes for every frame of a scene, computed once so that both trackers get the very same ones. */
public record SceneDetections(Scene scene, List<List<Detection>> byFrame, double[] inferMs) {

    /** Frames up to 640 pixels run whole; larger ones (the dense scene) as overlapping 640-pixel tiles. */
    public static ModelHandler openDetector(ModelSpec spec) throws Exception {
        return ModelHandlers.open(spec.with("memoryPolicy", "tile", 640),
                SlotContext.defaults().withMaxOutputBytes(64 << 20));
    }

    /** {@code byFrame}: null for a dropped or corrupt frame; {@code inferMs}: per rendered frame. */
    public static SceneDetections of(Scene scene, ModelHandler detector) throws Exception {
        List<List<Detection>> out = new ArrayList<>();
        List<Double> ms = new ArrayList<>();
        for (int f = 0; f < scene.frames(); f++) {
            if (scene.dropped(f) || scene.corrupt(f)) {
                out.add(null);
                continue;
            }
            var image = scene.render(f);
            long t0 = System.nanoTime();
            var result = (TaskResult.Detections) detector.infer(detector.prepare(image)).result();
            ms.add((System.nanoTime() - t0) / 1e6);
            out.add(List.copyOf(result.detections()));
        }
        return new SceneDetections(scene, out, ms.stream().mapToDouble(Double::doubleValue).toArray());
    }

    public double meanInferMs() {
        double s = 0;
        for (double v : inferMs) {
            s += v;
        }
        return inferMs.length == 0 ? Double.NaN : s / inferMs.length;
    }
}
