package io.visionstream.job;

import io.visionstream.io.ZoneUpdate;
import io.visionstream.metrics.StreamMetrics;
import io.visionstream.output.Origin;
import io.visionstream.output.Output;
import io.visionstream.output.Reject;
import io.visionstream.reject.RejectReason;
import io.visionstream.streams.StreamSettings;
import io.visionstream.streams.StreamState;
import io.visionstream.streams.StreamSteps;
import io.visionstream.zones.StreamZones;
import io.visionstream.zones.ZonesConfig;
import io.visionstream.zones.ZonesException;
import io.visionstream.zones.ZonesFile;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-stream step after inference, keyed by stream id ({@link StreamSteps} does the work). Event time is the
 * time the job read each image, so the watermark here says "every image read before this is through
 * inference": a frame is released when the watermark passes its read time plus streams.reorder-grace-ms, and
 * the frames released together are sorted by frame number. The second input is topic zones as broadcast
 * state: a stream's entry there wins over the zones file, an empty value leaves the stream without lines and
 * zones, and a malformed entry is answered on topic rejects (once, from subtask 0) while the old one stays.
 */
public class StreamFunction extends KeyedBroadcastProcessFunction<String, Output, ZoneUpdate, Output> {
    private static final Logger LOG = LoggerFactory.getLogger(StreamFunction.class);
    public static final MapStateDescriptor<String, StreamZones> ZONES =
            new MapStateDescriptor<>("zones", TypeInformation.of(String.class), TypeInformation.of(StreamZones.class));
    private static final long METRIC_EVERY_FRAMES = 50;

    private final StreamSettings settings;
    private transient StreamSteps steps;
    private transient ValueState<StreamState> state;
    private transient TypeSerializer<StreamState> serializer;
    private transient DataOutputSerializer sizer;
    private transient StreamMetrics metrics;

    public StreamFunction(StreamSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext ctx) {
        steps = new StreamSteps(settings);
        ValueStateDescriptor<StreamState> d = new ValueStateDescriptor<>("stream", StreamState.class);
        state = getRuntimeContext().getState(d);
        serializer = getRuntimeContext().createSerializer(TypeInformation.of(StreamState.class));
        sizer = new DataOutputSerializer(4096);
        metrics = new StreamMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(Output o, ReadOnlyContext ctx, Collector<Output> out) throws Exception {
        StreamState s = state.value();
        if (s == null) {
            s = new StreamState();
        }
        long now = ctx.timerService().currentProcessingTime();
        s.lastSeen = now;
        if (s.idleTimer == 0) {
            s.idleTimer = now + settings.idleTtlMs();
            ctx.timerService().registerProcessingTimeTimer(s.idleTimer);
        }
        if (!steps.ordered(o)) {
            steps.passThrough(s, o, out::collect);
            state.update(s);
            return;
        }
        StreamZones zones = zonesOf(ctx.getBroadcastState(ZONES), ctx.getCurrentKey());
        long arrival = o.origin().arrival();
        steps.add(s, o, arrival, zones, emitter(s, out), metrics);
        ctx.timerService().registerEventTimeTimer(arrival + settings.graceMs());
        state.update(s);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Output> out) throws Exception {
        StreamState s = state.value();
        if (s == null) {
            return;
        }
        if (ctx.timeDomain() == TimeDomain.EVENT_TIME) {
            StreamZones zones = zonesOf(ctx.getBroadcastState(ZONES), ctx.getCurrentKey());
            steps.release(s, timestamp, zones, emitter(s, out), metrics);
            if (s.results % METRIC_EVERY_FRAMES == 0) {
                metrics.stateBytes(ctx.getCurrentKey(), bytes(s));
            }
            state.update(s);
            return;
        }
        if (timestamp != s.idleTimer) {
            return;
        }
        long silent = timestamp - s.lastSeen;
        if (silent >= settings.countsTtlMs() && s.pending.isEmpty()) {
            state.clear();
            return;
        }
        if (silent >= settings.idleTtlMs() && !s.tracker.tracks.isEmpty()) {
            StreamSteps.forgetTracks(s);
        }
        long next = silent >= settings.idleTtlMs() ? s.lastSeen + settings.countsTtlMs() : s.lastSeen + settings.idleTtlMs();
        s.idleTimer = Math.max(next, timestamp + 1);
        ctx.timerService().registerProcessingTimeTimer(s.idleTimer);
        state.update(s);
    }

    @Override
    public void processBroadcastElement(ZoneUpdate u, Context ctx, Collector<Output> out) throws Exception {
        if (u.text == null) {
            ctx.getBroadcastState(ZONES).put(u.stream, StreamZones.NONE);
            LOG.info("zones of stream '{}' removed (topic {} offset {})", u.stream, u.topic, u.offset);
            return;
        }
        try {
            StreamZones parsed = ZonesFile.parseEntry(u.stream, u.text);
            ctx.getBroadcastState(ZONES).put(u.stream, parsed);
            LOG.info("zones of stream '{}': {} lines, {} zones", u.stream, parsed.lines().size(), parsed.zones().size());
        } catch (ZonesException e) {
            metrics.zonesRejected();
            if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
                Origin origin = new Origin(u.stream, u.offset, u.topic, u.partition, u.offset, null, u.timestamp,
                        u.timestamp, false);
                out.collect(new Reject(origin, RejectReason.INVALID_ZONES, e.getMessage()
                        + "; the stream's previous lines and zones stay in force"));
            }
        }
    }

    /** The stream's lines and zones: its topic entry, else its file entry, else the topic's "*", else the file's. */
    private StreamZones zonesOf(ReadOnlyBroadcastState<String, StreamZones> topic, String stream) throws Exception {
        StreamZones own = topic.get(stream);
        if (own != null) {
            return own;
        }
        ZonesConfig file = settings.zonesFile();
        StreamZones fromFile = file.streams().get(stream);
        if (fromFile != null) {
            return fromFile;
        }
        StreamZones any = topic.get(ZonesConfig.EVERY_STREAM);
        return any != null ? any : file.forStream(stream);
    }

    /** Publishes, and keeps the counts' gauges up to date as events go out. */
    private Consumer<Output> emitter(StreamState s, Collector<Output> out) {
        return o -> {
            out.collect(o);
            if (o instanceof io.visionstream.output.Event e) {
                var z = e.event();
                String key = z.zone() + '\u0000' + z.label();
                if (z.direction() != null) {
                    metrics.lineCount(o.stream(), z.zone(), z.label(), "+", z.plus());
                    metrics.lineCount(o.stream(), z.zone(), z.label(), "-", z.minus());
                } else {
                    long[] c = s.zones.zones.get(key);
                    metrics.occupancy(o.stream(), z.zone(), z.label(), c == null ? 0 : c[2]);
                }
            }
        };
    }

    private long bytes(StreamState s) {
        try {
            sizer.clear();
            serializer.serialize(s, sizer);
            return sizer.length();
        } catch (Exception e) {
            return -1;
        }
    }
}
