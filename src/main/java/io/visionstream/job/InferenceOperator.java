package io.visionstream.job;

import io.visionstream.io.ImageRecord;
import io.visionstream.metrics.PipelineMetrics;
import io.visionstream.output.Output;
import io.visionstream.output.Picture;
import io.visionstream.render.ResultRenderer;
import io.visionstream.runtime.ProcessMemory;
import io.visionstream.serving.SlotModels;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inference slot's lifecycle and batching. Not keyed: one busy stream uses every slot; per-stream state lives
 * in {@link StreamSequencer} after it. The served models are opened once per slot in {@link #open} and closed in
 * {@link #close}; what happens to each record is {@link RecordInference}'s. Results and rejects go to the main
 * output, pictures (overlays, masks, output images) to {@link #PICTURES}.
 *
 * <p>An operator rather than a process function because of micro-batching: records of models with a dynamic
 * batch dimension wait in a {@link MicroBatcher} across streams, and a batch is flushed from a timer or
 * before a checkpoint barrier ({@link #prepareSnapshotPreBarrier}). Models that cannot batch run each record
 * as it arrives.
 */
public final class InferenceOperator extends AbstractStreamOperator<Output>
        implements OneInputStreamOperator<ImageRecord, Output> {
    public static final OutputTag<Output> PICTURES = new OutputTag<>("pictures", TypeInformation.of(Output.class));

    private static final Logger LOG = LoggerFactory.getLogger(InferenceOperator.class);
    private static final long serialVersionUID = 1L;

    private final InferenceSettings settings;
    private transient SlotModels models;
    private transient RecordInference records;
    private transient MicroBatcher batcher;
    private transient BatchLimits limits;
    /** A watermark that came while records waited in a batch: it goes on once they are published. */
    private transient Watermark heldWatermark;

    public InferenceOperator(InferenceSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open() throws Exception {
        super.open();
        TaskManagerFacts tm = TaskManagerFacts.of(getContainingTask(),
                getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks());
        models = SlotModels.open(settings.served(), settings.slot(tm.slots(), tm.slotBudgetBytes()));
        PipelineMetrics metrics = new PipelineMetrics(getMetricGroup())
                .withInferenceGauges(models.memory().budgetBytes(), models.memory().plannedBytes());
        records = new RecordInference(models, new ProfileSelector(settings.streamProfiles()),
                new ResultRenderer(settings.overlays()), metrics);
        limits = settings.batchLimits(tm.processBytes());
        batcher = new MicroBatcher(limits);
    }

    @Override
    public void processElement(StreamRecord<ImageRecord> element) throws Exception {
        PendingRecord p = records.admit(element.getValue(), this::emit);
        if (p == null) {
            return;
        }
        int maxBatch = p.handler().maxBatch();
        if (maxBatch <= 1) {
            records.run(List.of(p), this::emit);
            return;
        }
        String model = p.model();
        boolean first = batcher.waiting(model) == 0;
        if (batcher.add(model, p, maxBatch)) {
            flush(model);
        } else if (first) {
            long now = getProcessingTimeService().getCurrentProcessingTime();
            getProcessingTimeService().registerTimer(now + limits.maxWaitMs(), time -> flush(model));
        }
    }

    /** Runs the model's waiting records (if any are left: a timer may find its batch already gone). */
    private void flush(String model) {
        List<PendingRecord> batch = batcher.take(model);
        if (batch.isEmpty()) {
            return;
        }
        int maxBatch = batch.get(0).handler().maxBatch();
        boolean pressure = limits.pressureRssBytes() > 0 && ProcessMemory.rssBytes() > limits.pressureRssBytes();
        int before = batcher.sizeLimit(model, maxBatch);
        batcher.adapt(model, maxBatch, pressure);
        if (pressure && before > 1) {
            LOG.warn("model '{}': resident set above {} MB, batches shrink to {}", model,
                    limits.pressureRssBytes() >> 20, batcher.sizeLimit(model, maxBatch));
        }
        records.run(batch, this::emit);
        releaseWatermark();
    }

    /**
     * The per-stream step orders frames by the time they were read, trusting that a watermark comes after every
     * record read before it: so a watermark waits here while any record waits in a batch.
     */
    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (batcher.modelsWaiting().isEmpty()) {
            super.processWatermark(mark);
        } else {
            heldWatermark = mark;
        }
    }

    private void releaseWatermark() {
        if (heldWatermark != null && batcher.modelsWaiting().isEmpty()) {
            Watermark mark = heldWatermark;
            heldWatermark = null;
            try {
                super.processWatermark(mark);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private void flushAll() {
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

    private void emit(Output o) {
        StreamRecord<Output> r = new StreamRecord<>(o, o.origin().arrival());
        if (o instanceof Picture) {
            output.collect(PICTURES, r);
        } else {
            output.collect(r);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (models != null) {
                models.close();
            }
        } finally {
            super.close();
        }
    }
}
