package io.visionstream.model.detect;

import ai.onnxruntime.OrtException;
import io.visionstream.image.ResizePlan;
import io.visionstream.model.FixedInputHandler;
import io.visionstream.model.ModelOutputs;
import io.visionstream.model.ModelSpec;
import io.visionstream.model.TaskResult;
import io.visionstream.runtime.ModelSession;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A detector: a fixed-size input canvas, one session and the decoder of its family. Under memory policy
 * {@code tile} a large image runs as one overview (the whole image scaled down, for objects larger than a tile)
 * and overlapping tiles (for small ones); the boxes of all runs, in original pixels, go through one
 * suppression across tiles.
 */
public final class DetectionHandler extends FixedInputHandler {
    private final DetectionDecoder decoder;
    private final List<Detection> fromTiles = new ArrayList<>();

    public DetectionHandler(ModelSpec spec, ModelSession session) throws OrtException {
        super(spec, session);
        this.decoder = decoderFor(spec);
        this.decoder.checkOutputs(session.outputShapes());
        allocateInput();
    }

    public static DetectionDecoder decoderFor(ModelSpec spec) {
        return "nanodet".equals(spec.family()) ? new NanoDetDecoder(spec) : new YoloDecoder(spec);
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
    protected boolean overviewTile() {
        return true;
    }

    @Override
    protected void beforeTiles(BufferedImage image) {
        fromTiles.clear();
    }

    @Override
    protected void onTile(ModelOutputs outputs, ResizePlan plan, Rectangle tile) {
        for (Detection d : decoder.decode(outputs, plan)) {
            fromTiles.add(new Detection(d.classId(), d.label(), d.score(), d.x1() + tile.x, d.y1() + tile.y,
                    d.x2() + tile.x, d.y2() + tile.y));
        }
    }

    @Override
    public TaskResult postprocess(ModelOutputs outputs, ResizePlan plan, BufferedImage image) {
        if (!tiled()) {
            return new TaskResult.Detections(decoder.decode(outputs, plan));
        }
        List<Detection> merged = Candidates.acrossTiles(fromTiles, spec);
        fromTiles.clear();
        return new TaskResult.Detections(merged);
    }
}
