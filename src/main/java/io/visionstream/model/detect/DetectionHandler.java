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
 * A detector: a fixed-size input canvas, one session and the decoder of its family. Under memory policy
 * {@code tile} a large image runs as one overview (the whole image scaled down, for objects larger than a tile)
 * and overlapping tiles (for small ones); the boxes of all runs, in original pixels, go through one
 * suppression across tiles.
 */
public final class DetectionHandler extends FixedInputHandler {
    private final DetectionDecoder decoder;

    public DetectionHandler(ModelSpec spec, ModelSession session, DetectionDecoder decoder) throws OrtException {
        super(spec, session);
        this.decoder = decoder;
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
    protected boolean overviewTile() {
        return true;
    }

    @Override
    protected TaskResult decode(ModelOutputs outputs, ResizePlan plan, BufferedImage image, StepTimes times) {
        return new TaskResult.Detections(decoder.decode(outputs, plan));
    }

    /** The boxes of every run in original pixels, then one suppression across tiles. */
    @Override
    protected TileMerger tileMerger(BufferedImage image) {
        List<Detection> fromTiles = new ArrayList<>();
        return new TileMerger() {
            @Override
            public void add(ModelOutputs outputs, ResizePlan plan, Rectangle tile) {
                for (Detection d : decoder.decode(outputs, plan)) {
                    fromTiles.add(new Detection(d.classId(), d.label(), d.score(), d.x1() + tile.x, d.y1() + tile.y,
                            d.x2() + tile.x, d.y2() + tile.y));
                }
            }

            @Override
            public TaskResult finish() {
                return new TaskResult.Detections(Candidates.acrossTiles(fromTiles, spec));
            }
        };
    }
}
