package io.visionstream.model.detect;

import io.visionstream.result.Detection;
import ai.onnxruntime.OrtException;
import io.visionstream.preprocess.ResizePlan;
import io.visionstream.model.FixedInputHandler;
import io.visionstream.model.StepTimes;
import io.visionstream.runtime.ModelOutputs;
import io.visionstream.model.ModelSpec;
import io.visionstream.result.TaskResult;
import io.visionstream.runtime.ModelSession;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A detector: a fixed-size input canvas, one session and the decoder of its family. A frame that is sliced
 * ({@link SliceSettings#slices}: policy {@code tile}, or {@code auto} where objects would get too small) runs as
 * the {@link SlicePlan} says, one run at a time, and the boxes of all runs meet in a {@link SliceMerger}.
 */
public final class DetectionHandler extends FixedInputHandler {
    /** Whole boxes of one class from two runs overlapping by more (intersection over the smaller) are one. */
    private static final float SAME_OBJECT_IOS = 0.7f;
    private final DetectionDecoder decoder;
    private final SliceSettings slicing;

    public DetectionHandler(ModelSpec spec, ModelSession session, DetectionDecoder decoder, SliceSettings slicing)
            throws OrtException {
        super(spec, session);
        this.decoder = decoder;
        this.slicing = slicing;
        this.decoder.checkOutputs(session.outputShapes());
        allocateInput();
    }

    @Override
    protected boolean subsampledDecode() {
        return true;
    }

    @Override
    protected boolean tilesSupported() {
        return true;
    }

    @Override
    protected boolean tiled(int w, int h) {
        double runScale = Math.min(spec.inputWidth() / (double) w, spec.inputHeight() / (double) h);
        return slicing.slices(policy(), w, h, spec.maxSide(), runScale);
    }

    @Override
    protected List<Rectangle> tilesFor(int w, int h) {
        if (!tiled(w, h)) {
            return List.of();
        }
        int inputSide = Math.min(spec.inputWidth(), spec.inputHeight());
        return SlicePlan.runs(w, h, SlicePlan.finestSide(slicing, inputSide), slicing);
    }

    @Override
    protected TaskResult decode(ModelOutputs outputs, ResizePlan plan, BufferedImage image, StepTimes times) {
        return new TaskResult.Detections(decoder.decode(outputs, plan));
    }

    /** The boxes of every run in frame pixels, merged across runs. */
    @Override
    protected TileMerger tileMerger(BufferedImage image) {
        SliceMerger merger = new SliceMerger(image.getWidth(), image.getHeight(), slicing.overlap(), SAME_OBJECT_IOS,
                spec.iouThreshold(), spec.maxDetections());
        return new TileMerger() {
            @Override
            public void add(ModelOutputs outputs, ResizePlan plan, Rectangle tile) {
                List<Detection> boxes = new ArrayList<>();
                for (Detection d : decoder.decode(outputs, plan)) {
                    boxes.add(new Detection(d.classId(), d.label(), d.score(), d.x1() + tile.x, d.y1() + tile.y,
                            d.x2() + tile.x, d.y2() + tile.y));
                }
                merger.add(boxes, tile);
            }

            @Override
            public TaskResult finish() {
                return new TaskResult.Detections(merger.finish());
            }
        };
    }
}
