package io.visionstream.job;

import io.visionstream.io.JsonRecords;
import io.visionstream.io.OutRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The per-stream step after inference, keyed by stream id: counts each stream's results and rejects in keyed
 * state (so the counts continue across restarts) and stamps each result with {@code streamSeq}. Inference
 * itself is spread over every slot, so a stream's results reach this step in the order they finished, not
 * necessarily in frame order; streamSeq numbers them in the order they are published, 1, 2, 3... without gaps.
 * Cheap (a counter and one array copy per result), so one slot of it keeps up with every inference slot.
 */
public class StreamSequencer extends KeyedProcessFunction<String, OutRecord, OutRecord> {
    private final String detectionsTopic;
    private transient ValueState<StreamState> state;

    public StreamSequencer(String detectionsTopic) {
        this.detectionsTopic = detectionsTopic;
    }

    @Override
    public void open(OpenContext ctx) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("stream", StreamState.class));
    }

    @Override
    public void processElement(OutRecord r, Context ctx, Collector<OutRecord> out) throws Exception {
        StreamState s = state.value();
        if (s == null) {
            s = new StreamState();
        }
        if (detectionsTopic.equals(r.topic)) {
            s.results++;
            s.lastFrame = r.frame;
            r.value = JsonRecords.withStreamSeq(r.value, s.results);
        } else {
            s.rejects++;
        }
        state.update(s);
        out.collect(r);
    }
}
