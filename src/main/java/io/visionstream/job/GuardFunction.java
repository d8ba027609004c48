package io.visionstream.job;

import io.visionstream.guard.Echo;
import io.visionstream.guard.ImageHeader;
import io.visionstream.guard.InputGuard;
import io.visionstream.guard.RejectedInputException;
import io.visionstream.io.ImageRecord;
import io.visionstream.io.JsonRecords;
import io.visionstream.io.OutRecord;
import io.visionstream.metrics.PipelineMetrics;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Checks each record before the shuffle, so oversized or undecodable input is dropped early (into a reject)
 * and never travels to, or is buffered by, an inference slot.
 */
public class GuardFunction extends ProcessFunction<ImageRecord, ImageRecord> {
    public static final OutputTag<OutRecord> REJECTS = new OutputTag<>("guard-rejects") { };

    private final JobConfig config;
    private transient InputGuard guard;
    private transient PipelineMetrics metrics;

    public GuardFunction(JobConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext ctx) {
        ServedModels served = ServedModels.of(config);
        guard = new InputGuard(config.guardLimits(), served::serves);
        metrics = new PipelineMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(ImageRecord in, Context ctx, Collector<ImageRecord> out) {
        try {
            ImageHeader header = guard.check(in.value, in.model);
            in.format = header.format().name();
            in.width = header.width();
            in.height = header.height();
            out.collect(in);
        } catch (RejectedInputException e) {
            metrics.reject(e.reason());
            ctx.output(REJECTS, new OutRecord(config.rejectsTopic(), in.stream,
                    JsonRecords.reject(in, e.reason(), e.getMessage()), null, Echo.header(in.model), in.frame));
        }
    }
}
