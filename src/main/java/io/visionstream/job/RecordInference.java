package io.visionstream.job;

import io.visionstream.codec.ImageDecoder;
import io.visionstream.io.ImageRecord;
import io.visionstream.metrics.PipelineMetrics;
import io.visionstream.model.Inference;
import io.visionstream.model.InputProfile;
import io.visionstream.model.ModelHandler;
import io.visionstream.model.Prepared;
import io.visionstream.model.StepTimes;
import io.visionstream.model.StepTimes.Step;
import io.visionstream.output.Origin;
import io.visionstream.output.Output;
import io.visionstream.output.Reject;
import io.visionstream.output.Result;
import io.visionstream.output.RunInfo;
import io.visionstream.reject.Echo;
import io.visionstream.reject.RejectReason;
import io.visionstream.reject.RejectedInputException;
import io.visionstream.render.ResultRenderer;
import io.visionstream.serving.SlotModels;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One record's path through an inference slot: decode (no larger than the model and its overlay need),
 * profile, {@link ModelHandler#prepare}; then, alone or in a batch of its model, {@link ModelHandler#infer},
 * rendering and the typed {@link Result}. Every record ends in exactly one result or one reject; nothing a
 * record does escapes as an exception.
 */
final class RecordInference {
    private static final Logger LOG = LoggerFactory.getLogger(RecordInference.class);

    private final SlotModels models;
    private final ProfileSelector profiles;
    private final ResultRenderer renderer;
    private final PipelineMetrics metrics;

    RecordInference(SlotModels models, ProfileSelector profiles, ResultRenderer renderer, PipelineMetrics metrics) {
        this.models = models;
        this.profiles = profiles;
        this.renderer = renderer;
        this.metrics = metrics;
    }

    /** The record decoded and prepared for its model, or null when it was rejected (its reject sent to out). */
    PendingRecord admit(ImageRecord in, Consumer<Output> out) {
        ModelHandler handler = models.get(in.model);
        try {
            if (handler == null) {
                throw new RejectedInputException(RejectReason.UNKNOWN_MODEL, "model '" + Echo.header(in.model) + "' is not served");
            }
            InputProfile profile = profiles.select(in, handler);
            StepTimes t = new StepTimes();
            int w = in.header.width();
            int h = in.header.height();
            BufferedImage image = ImageDecoder.decode(in.value, in.header,
                    Math.min(handler.decodeSubsampling(w, h), renderer.overlaySubsampling(in.frame, w, h)));
            t.lap(Step.DECODE);
            Prepared prepared = handler.prepare(image, profile);
            t.lap(Step.PREPROCESS);
            long bytes = (long) image.getWidth() * image.getHeight() * 4
                    + handler.sizing().batchItemBytes();
            return new PendingRecord(in, handler, profile, prepared, t, bytes);
        } catch (RejectedInputException e) {
            reject(in, e.reason(), e.getMessage(), out);
        } catch (Exception e) {
            // One bad record must never fail the job: report it and move on.
            LOG.warn("inference failed for {}", in, e);
            reject(in, RejectReason.INFERENCE_FAILED, e.getClass().getSimpleName() + ": " + e.getMessage(), out);
        }
        return null;
    }

    /** Runs records of one model in one call; a failed run rejects them all, a failed render only its record. */
    void run(List<PendingRecord> batch, Consumer<Output> out) {
        ModelHandler handler = batch.get(0).handler();
        List<Prepared> prepared = new ArrayList<>(batch.size());
        batch.forEach(p -> prepared.add(p.prepared()));
        long fallbacksBefore = handler.fallbacks();
        List<Inference> inferences;
        try {
            inferences = handler.infer(prepared, batch.stream().map(p -> p.in().stream).toList());
        } catch (Exception e) {
            LOG.warn("inference failed for a batch of {} on model '{}'", batch.size(), handler.spec().name(), e);
            batch.forEach(p -> reject(p.in(), RejectReason.INFERENCE_FAILED,
                    e.getClass().getSimpleName() + ": " + e.getMessage(), out));
            return;
        }
        boolean fallback = handler.fallbacks() > fallbacksBefore;
        metrics.batch(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            PendingRecord p = batch.get(i);
            try {
                publish(p, inferences.get(i), fallback, batch.size(), out);
            } catch (Exception e) {
                LOG.warn("post-processing failed for {}", p.in(), e);
                reject(p.in(), RejectReason.INFERENCE_FAILED, e.getClass().getSimpleName() + ": " + e.getMessage(), out);
            }
        }
    }

    private void publish(PendingRecord p, Inference inf, boolean fallback, int batchSize, Consumer<Output> out) {
        ImageRecord in = p.in();
        ModelHandler handler = p.handler();
        Origin origin = Origin.of(in);
        StepTimes t = p.times().addAll(inf.times());
        ResultRenderer.Rendered rendered = renderer.render(origin, p.prepared().image(), inf.result());
        Map<String, Double> ms = new LinkedHashMap<>();
        t.reported().forEach((step, v) -> ms.put(step.wireName(), v));
        RunInfo run = new RunInfo(fallback ? "cpu" : handler.device(), fallback, inf.runs(), inf.inputWidth(),
                inf.inputHeight(), handler.takesProfiles() ? p.profile().name() : null, batchSize, ms);
        rendered.pictures().forEach(out);
        out.accept(new Result(origin, handler.spec().task(), in.header.width(), in.header.height(), rendered.result(),
                run, rendered.summary(), 0, null));
        metrics.result(t.total(), inf.runs(), models.memory().estimate(in.model, inf.runPixels()), fallback);
    }

    private void reject(ImageRecord in, RejectReason reason, String message, Consumer<Output> out) {
        metrics.reject(reason);
        out.accept(Reject.of(in, reason, message));
    }
}
