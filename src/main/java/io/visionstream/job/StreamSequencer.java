package io.visionstream.job;

import io.visionstream.output.Output;
import io.visionstream.output.Result;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The per-stream step after inference, keyed by stream id: counts each stream's results in keyed state (so the
 * count continues across restarts) and stamps each result with {@code streamSeq}. Inference itself is spread
 * over every slot, so a stream's results reach this step in the order they finished, not necessarily in frame
 * order; streamSeq numbers them in the order they are published, 1, 2, 3... without gaps. Rejects pass through.
 */
public class StreamSequencer extends KeyedProcessFunction<String, Output, Output> {
    private transient ValueState<StreamState> state;

    @Override
    public void open(OpenContext ctx) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("stream", StreamState.class));
    }

    @Override
    public void processElement(Output o, Context ctx, Collector<Output> out) throws Exception {
        if (!(o instanceof Result r)) {
            out.collect(o);
            return;
        }
        StreamState s = state.value();
        if (s == null) {
            s = new StreamState();
        }
        s.results++;
        state.update(s);
        out.collect(r.withStreamSeq(s.results));
    }
}
