package io.visionstream.job;

import io.visionstream.guard.Echo;
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
import io.visionstream.runtime.ProcessMemory;
import io.visionstream.runtime.SlotContext;
import io.visionstream.runtime.SlotMemory;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the served models on guarded records, spread over the slots (not keyed: one busy stream uses every slot;
 * per-stream counts live in {@link StreamSequencer} after it). Every served model's session is opened once
 * per slot in {@link #open} (so a broken model fails the slot at start-up, not a record later) and closed in
 * {@link #close}. Each record yields exactly one result (main output) or one reject (side output); overlays,
 * masks and output images go to the masks side output.
 *
 * <p>An operator rather than a process function because of micro-batching: records of models with a dynamic
 * batch dimension wait in a {@link MicroBatcher} across streams, and a batch is flushed from a timer or
 * before a checkpoint barrier ({@link #prepareSnapshotPreBarrier}). Models that cannot batch run each record
 * as it arrives.
 */
public final class InferenceOperator extends AbstractStreamOperator<OutRecord>
        implements OneInputStreamOperator<ImageRecord, OutRecord> {
    public static final OutputTag<OutRecord> MASKS = new OutputTag<>("masks") { };
    public static final OutputTag<OutRecord> REJECTS = new OutputTag<>("inference-rejects") { };

    private static final Logger LOG = LoggerFactory.getLogger(InferenceOperator.class);
    private static final long serialVersionUID = 1L;

    private final JobConfig config;
    private transient Map<String, ModelHandler> handlers;
    private transient SlotMemory memory;
    private transient OverlayRenderer overlays;
    private transient OverlaySampling overlaySampling;
    private transient PipelineMetrics metrics;
    private transient ProfileSelector profiles;
    private transient MicroBatcher batcher;
    private transient BatchLimits limits;

    public InferenceOperator(JobConfig config) {
        this.config = config;
    }

    @Override
    public void open() throws Exception {
        super.open();
        ServedModels served = ServedModels.of(config);
        int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        handlers = new LinkedHashMap<>();
        SlotContext slot = config.slotContext(slotsSharingCores(parallelism));
        try {
            for (String name : served.names()) {
                handlers.put(name, ModelHandlers.open(served.registry().get(name), slot));
            }
            memory = SlotMemory.fit(handlers, slot);
        } catch (Exception e) {
            closeHandlers();
            throw e;
        }
        overlays = new OverlayRenderer(config.overlayMaxSide(), config.overlayFormat());
        overlaySampling = config.overlaySampling();
        profiles = new ProfileSelector(config.streamProfiles());
        limits = config.batchLimits(taskManagerProcessBytes());
        batcher = new MicroBatcher(limits);
        metrics = new PipelineMetrics(getMetricGroup()).withInferenceGauges(memory.budgetBytes(), memory.plannedBytes());
    }

    /**
     * How many slots share this TaskManager's cores: its taskmanager.numberOfTaskSlots where known, else the
     * operator's parallelism. Intra-op threads are the cores divided by this (runtime.intra-op-threads = 0), so a
     * TaskManager with 8 cores and 2 slots gives each session 4 threads whatever the job's total parallelism.
     */
    private int slotsSharingCores(int parallelism) {
        try {
            return getContainingTask().getEnvironment().getTaskManagerInfo().getConfiguration()
                    .getOptional(TaskManagerOptions.NUM_TASK_SLOTS).orElse(parallelism);
        } catch (RuntimeException e) {
            return parallelism;
        }
    }

    /** taskmanager.memory.process.size where this runs on a configured TaskManager; 0 where unknown. */
    private long taskManagerProcessBytes() {
        try {
            return getContainingTask().getEnvironment().getTaskManagerInfo().getConfiguration()
                    .getOptional(TaskManagerOptions.TOTAL_PROCESS_MEMORY).map(MemorySize::getBytes).orElse(0L);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void processElement(StreamRecord<ImageRecord> element) throws Exception {
        ImageRecord in = element.getValue();
        ModelHandler handler = handlers.get(in.model);
        MicroBatcher.Pending p;
        try {
            if (handler == null) {
                throw new RejectedInputException(RejectReason.UNKNOWN_MODEL, "model '" + Echo.header(in.model) + "' is not served");
            }
            InputProfile profile = profiles.select(in, handler);
            StepTimings t = new StepTimings();
            BufferedImage image = ImageDecoder.decode(in.value, new ImageHeader(ImageFormat.valueOf(in.format), in.width,
                    in.height), Math.min(handler.decodeSubsampling(in.width, in.height), overlaySubsampling(in)));
            t.decode = t.lap();
            p = new MicroBatcher.Pending(in, image, profile, t, MicroBatcher.bytesOf(image, inputTensorBytes(handler)));
        } catch (RejectedInputException e) {
            reject(in, e.reason(), e.getMessage());
            return;
        } catch (Exception e) {
            // One bad record must never fail the job: report it and move on.
            LOG.warn("inference failed for {}", in, e);
            reject(in, RejectReason.INFERENCE_FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
            return;
        }
        if (handler.maxBatch() <= 1) {
            runBatch(handler, List.of(p));
            return;
        }
        boolean first = batcher.waiting(in.model) == 0;
        if (batcher.add(in.model, p, handler.maxBatch())) {
            flush(in.model);
        } else if (first) {
            long now = getProcessingTimeService().getCurrentProcessingTime();
            getProcessingTimeService().registerTimer(now + limits.maxWaitMs(), time -> flush(in.model));
        }
    }

    /** How much smaller than the original this record's overlay, if it may get one, can be decoded. */
    private int overlaySubsampling(ImageRecord in) {
        if (!overlaySampling.mayWant(in.frame)) {
            return Integer.MAX_VALUE;
        }
        return Math.max(1, Math.max(in.width, in.height) / config.overlayMaxSide());
    }

    private static long inputTensorBytes(ModelHandler h) {
        return 3L * h.spec().inputWidth() * h.spec().inputHeight() * Float.BYTES;
    }

    /** Runs the model's waiting records (if any are left: a timer may find its batch already gone). */
    private void flush(String model) throws Exception {
        List<MicroBatcher.Pending> batch = batcher.take(model);
        if (batch.isEmpty()) {
            return;
        }
        ModelHandler handler = handlers.get(model);
        boolean pressure = limits.pressureRssBytes() > 0 && ProcessMemory.rssBytes() > limits.pressureRssBytes();
        int before = batcher.sizeLimit(model, handler.maxBatch());
        batcher.adapt(model, handler.maxBatch(), pressure);
        if (pressure && before > 1) {
            LOG.warn("model '{}': resident set above {} MB, batches shrink to {}", model,
                    limits.pressureRssBytes() >> 20, batcher.sizeLimit(model, handler.maxBatch()));
        }
        runBatch(handler, batch);
    }

    private void flushAll() throws Exception {
        for (String model : batcher.modelsWaiting()) {
            flush(model);
        }
    }

    /** Flushes every waiting batch before the barrier: their results belong to this checkpoint. */
    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flushAll();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        flushAll();
        super.finish();
    }

    /**
     * Pre-processes each record into the batch input, runs the batch once, and post-processes and publishes each
     * record. A record the model cannot take is rejected alone; a failed run rejects the whole batch.
     */
    private void runBatch(ModelHandler handler, List<MicroBatcher.Pending> batch) throws Exception {
        List<MicroBatcher.Pending> admitted = new ArrayList<>(batch.size());
        List<ResizePlan> plans = new ArrayList<>(batch.size());
        long fallbacksBefore = handler.fallbacks();
        for (MicroBatcher.Pending p : batch) {
            try {
                p.timings().lap();
                plans.add(handler.preprocessItem(admitted.size(), p.image(), p.profile()));
                p.timings().preprocess = p.timings().lap();
                admitted.add(p);
            } catch (RejectedInputException e) {
                reject(p.in(), e.reason(), e.getMessage());
            }
        }
        if (admitted.isEmpty()) {
            return;
        }
        List<ModelOutputs> outputs;
        long started = System.nanoTime();
        try {
            outputs = handler.runBatch(admitted.size());
        } catch (Exception e) {
            LOG.warn("inference failed for a batch of {} on model '{}'", admitted.size(), handler.spec().name(), e);
            for (MicroBatcher.Pending p : admitted) {
                reject(p.in(), RejectReason.INFERENCE_FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            return;
        }
        double inferenceMs = (System.nanoTime() - started) / 1e6;
        boolean fallback = handler.fallbacks() > fallbacksBefore;
        metrics.batch(admitted.size());
        for (int i = 0; i < admitted.size(); i++) {
            MicroBatcher.Pending p = admitted.get(i);
            try {
                p.timings().inference = inferenceMs;
                p.timings().lap();
                TaskResult result = handler.postprocess(outputs.get(i), plans.get(i), p.image());
                p.timings().postprocess = p.timings().lap();
                publish(p, handler, result, fallback, admitted.size());
            } catch (Exception e) {
                LOG.warn("post-processing failed for {}", p.in(), e);
                reject(p.in(), RejectReason.INFERENCE_FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }

    private void publish(MicroBatcher.Pending p, ModelHandler handler, TaskResult result, boolean fallback, int batchSize)
            throws Exception {
        ImageRecord in = p.in();
        JsonRecords.Published published = publishImages(in, p.image(), result);
        int[] inputSize = handler.lastInputSize();
        RunInfo run = new RunInfo(fallback ? "cpu" : handler.device(), fallback, handler.lastTiles(), inputSize[0],
                inputSize[1], handler.takesProfiles() ? p.profile().name() : null, batchSize);
        output.collect(new StreamRecord<>(new OutRecord(config.detectionsTopic(), in.stream,
                JsonRecords.result(in, handler.spec(), result, run, p.timings(), published), null, in.model,
                in.frame)));
        metrics.result(p.timings().total(), handler.lastTiles(), memory.estimate(in.model, handler), fallback);
    }

    /** Overlay, mask and output-image records to the masks topic, each only if it fits one Kafka record. */
    private JsonRecords.Published publishImages(ImageRecord in, BufferedImage image, TaskResult result) {
        int max = config.maxOutputRecordBytes();
        String overlay = null;
        if (overlaySampling.wants(in.frame, result)) {
            byte[] encoded = overlays.render(image, result, max);
            if (encoded != null) {
                overlay = overlays.format().wireName();
                emit(MASKS, new OutRecord(config.masksTopic(), in.stream, encoded, "overlay", in.model, in.frame)
                        .withFormat(overlay));
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
        emit(MASKS, new OutRecord(config.masksTopic(), in.stream, png, kind, in.model, in.frame).withFormat("png"));
        return new JsonRecords.Published(config.masksTopic(), overlay, true, null);
    }

    private void emit(OutputTag<OutRecord> tag, OutRecord r) {
        output.collect(tag, new StreamRecord<>(r));
    }

    private void reject(ImageRecord in, RejectReason reason, String message) {
        metrics.reject(reason);
        emit(REJECTS, new OutRecord(config.rejectsTopic(), in.stream, JsonRecords.reject(in, reason, message), null,
                Echo.header(in.model), in.frame));
    }

    @Override
    public void close() throws Exception {
        try {
            closeHandlers();
        } finally {
            super.close();
        }
    }

    private void closeHandlers() throws Exception {
        if (handlers != null) {
            for (ModelHandler h : handlers.values()) {
                h.close();
            }
            handlers.clear();
        }
    }
}
