package io.visionstream.job;

import io.visionstream.guard.ImageFormat;
import io.visionstream.guard.ImageHeader;
import io.visionstream.guard.RejectReason;
import io.visionstream.guard.RejectedInputException;
import io.visionstream.image.ImageDecoder;
import io.visionstream.image.OverlayRenderer;
import io.visionstream.image.ResizePlan;
import io.visionstream.io.ImageRecord;
import io.visionstream.io.JsonRecords;
import io.visionstream.io.OutRecord;
import io.visionstream.io.RunInfo;
import io.visionstream.io.StepTimings;
import io.visionstream.metrics.PipelineMetrics;
import io.visionstream.model.InputProfile;
import io.visionstream.model.ModelHandler;
import io.visionstream.model.ModelHandlers;
import io.visionstream.model.ModelOutputs;
import io.visionstream.model.TaskResult;
import io.visionstream.runtime.SlotContext;
import io.visionstream.runtime.SlotMemory;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the served models on guarded records, keyed by stream id. Every served model's session is opened once
 * per slot in {@link #open} (so a broken model fails the slot at start-up, not a record later) and closed in
 * {@link #close}. Each record yields exactly one result (main output) or one reject (side output); overlays
 * go to the masks side output.
 */
public class InferenceFunction extends KeyedProcessFunction<String, ImageRecord, OutRecord> {
    public static final OutputTag<OutRecord> MASKS = new OutputTag<>("masks") { };
    public static final OutputTag<OutRecord> REJECTS = new OutputTag<>("inference-rejects") { };

    private static final Logger LOG = LoggerFactory.getLogger(InferenceFunction.class);

    private final JobConfig config;
    private transient Map<String, ModelHandler> handlers;
    private transient SlotMemory memory;
    private transient OverlayRenderer overlays;
    private transient ValueState<StreamState> state;
    private transient PipelineMetrics metrics;
    private transient ProfileSelector profiles;

    public InferenceFunction(JobConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext ctx) throws Exception {
        ServedModels served = ServedModels.of(config);
        int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        handlers = new LinkedHashMap<>();
        SlotContext slot = config.slotContext(parallelism);
        try {
            for (String name : served.names()) {
                handlers.put(name, ModelHandlers.open(served.registry().get(name), slot));
            }
            memory = SlotMemory.fit(handlers, slot);
        } catch (Exception e) {
            close();
            throw e;
        }
        overlays = new OverlayRenderer(config.overlayMaxSide());
        profiles = new ProfileSelector(config.streamProfiles());
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("stream", StreamState.class));
        metrics = new PipelineMetrics(getRuntimeContext().getMetricGroup())
                .withInferenceGauges(memory.budgetBytes(), memory.plannedBytes());
    }

    @Override
    public void processElement(ImageRecord in, Context ctx, Collector<OutRecord> out) throws Exception {
        StreamState s = state.value();
        if (s == null) {
            s = new StreamState();
        }
        try {
            ModelHandler handler = handlers.get(in.model);
            if (handler == null) {
                throw new RejectedInputException(RejectReason.UNKNOWN_MODEL, "model '" + in.model + "' is not served");
            }
            InputProfile profile = profiles.select(in, handler);
            StepTimings t = new StepTimings();
            long fallbacksBefore = handler.fallbacks();
            ImageHeader header = new ImageHeader(ImageFormat.valueOf(in.format), in.width, in.height);
            BufferedImage image = ImageDecoder.decode(in.value, header);
            t.decode = t.lap();
            TaskResult result = infer(handler, image, profile, t);

            boolean fallback = handler.fallbacks() > fallbacksBefore;
            JsonRecords.Published published = publishImages(in, image, result, ctx);
            s.results++;
            s.lastFrame = in.frame;
            int[] inputSize = handler.lastInputSize();
            RunInfo run = new RunInfo(fallback ? "cpu" : handler.device(), fallback, handler.lastTiles(), inputSize[0],
                    inputSize[1], handler.takesProfiles() ? profile.name() : null);
            out.collect(new OutRecord(config.detectionsTopic(), in.stream,
                    JsonRecords.result(in, handler.spec(), result, run, t, published, s.results), null, in.model, in.frame));
            metrics.result(t.total(), handler.lastTiles(), memory.estimate(in.model, handler), fallback);
        } catch (RejectedInputException e) {
            reject(in, e.reason(), e.getMessage(), ctx, s);
        } catch (Exception e) {
            // One bad record must never fail the job: report it and move on.
            LOG.warn("inference failed for {}", in, e);
            reject(in, RejectReason.INFERENCE_FAILED, e.getClass().getSimpleName() + ": " + e.getMessage(), ctx, s);
        }
        state.update(s);
    }

    /** Overlay, mask and output-image PNGs to the masks topic, each only if it fits one Kafka record. */
    private JsonRecords.Published publishImages(ImageRecord in, BufferedImage image, TaskResult result, Context ctx) {
        int max = config.maxOutputRecordBytes();
        boolean overlay = false;
        if (config.overlays()) {
            byte[] png = overlays.render(image, result, max);
            if (png != null) {
                ctx.output(MASKS, new OutRecord(config.masksTopic(), in.stream, png, "overlay", in.model, in.frame));
                overlay = true;
            }
        }
        byte[] png;
        String why = null;
        if (result instanceof TaskResult.Segments sg) {
            png = OverlayRenderer.Png.encode(sg.mask().asImage());
            if (png.length > max) {
                why = "PNG of " + png.length + " bytes exceeds output.max-record-bytes (" + max + ")";
                png = null;
            }
        } else if (result instanceof TaskResult.ImageOutput io) {
            png = io.png();
            why = io.error();
        } else {
            return new JsonRecords.Published(config.masksTopic(), overlay, false, null);
        }
        if (png == null) {
            LOG.warn("{}: {}", in, why);
            return new JsonRecords.Published(config.masksTopic(), overlay, false, why);
        }
        String kind = result instanceof TaskResult.Segments ? "mask" : "image";
        ctx.output(MASKS, new OutRecord(config.masksTopic(), in.stream, png, kind, in.model, in.frame));
        return new JsonRecords.Published(config.masksTopic(), overlay, true, null);
    }

    private static TaskResult infer(ModelHandler handler, BufferedImage image, InputProfile profile, StepTimings t)
            throws Exception {
        ResizePlan plan = handler.preprocess(image, profile);
        t.preprocess = t.lap();
        ModelOutputs outputs = handler.run();
        t.inference = t.lap();
        TaskResult result = handler.postprocess(outputs, plan, image);
        t.postprocess = t.lap();
        return result;
    }

    private void reject(ImageRecord in, RejectReason reason, String message, Context ctx, StreamState s) {
        s.rejects++;
        metrics.reject(reason);
        ctx.output(REJECTS, new OutRecord(config.rejectsTopic(), in.stream, JsonRecords.reject(in, reason, message),
                null, in.model, in.frame));
    }

    @Override
    public void close() throws Exception {
        if (handlers != null) {
            for (ModelHandler h : handlers.values()) {
                h.close();
            }
            handlers.clear();
        }
    }
}
