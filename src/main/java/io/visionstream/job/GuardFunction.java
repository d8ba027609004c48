package io.visionstream.job;

import io.visionstream.guard.GuardLimits;
import io.visionstream.guard.InputGuard;
import io.visionstream.io.ImageRecord;
import io.visionstream.metrics.PipelineMetrics;
import io.visionstream.output.Output;
import io.visionstream.output.Reject;
import io.visionstream.reject.RejectedInputException;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Checks each record before the shuffle, so oversized or undecodable input is dropped early (into a reject)
 * and never travels to, or is buffered by, an inference slot.
 */
public class GuardFunction extends ProcessFunction<ImageRecord, ImageRecord> {
    public static final OutputTag<Output> REJECTS = new OutputTag<>("guard-rejects", TypeInformation.of(Output.class));

    private final GuardLimits limits;
    private final Set<String> served;
    private transient InputGuard guard;
    private transient PipelineMetrics metrics;

    public GuardFunction(GuardLimits limits, Set<String> servedModels) {
        this.limits = limits;
        this.served = Set.copyOf(servedModels);
    }

    @Override
    public void open(OpenContext ctx) {
        guard = new InputGuard(limits, served::contains);
        metrics = new PipelineMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(ImageRecord in, Context ctx, Collector<ImageRecord> out) {
        Long arrival = ctx.timestamp();
        in.arrival = arrival == null ? System.currentTimeMillis() : arrival;
        try {
            in.header = guard.check(in.value, in.model);
            out.collect(in);
        } catch (RejectedInputException e) {
            metrics.reject(e.reason());
            ctx.output(REJECTS, Reject.of(in, e.reason(), e.getMessage()));
        }
    }
}
