package io.visionstream.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;

/** Per-stream steps after inference: frame order, the tracker, lines and zones, and the bounds of their state. */
public final class StreamOptions {
    public static final ConfigOption<Boolean> TRACKING = key("tracking.enabled").booleanType().defaultValue(true)
            .withDescription("track the objects of detection results per stream (`track` in each detection)");
    public static final ConfigOption<Double> HIGH_SCORE = key("tracking.high-score").doubleType().defaultValue(0.25)
            .withDescription("detections at or above this are matched to tracks first (ByteTrack's track_thresh)");
    public static final ConfigOption<Double> LOW_SCORE = key("tracking.low-score").doubleType().defaultValue(0.1)
            .withDescription("detections above this and below high-score are matched second, to tracks left unmatched");
    public static final ConfigOption<Double> NEW_TRACK_SCORE = key("tracking.new-track-score").doubleType()
            .defaultValue(0.25).withDescription("an unmatched detection starts a track from this score on");
    public static final ConfigOption<Double> MATCH_IOU = key("tracking.match-iou").doubleType().defaultValue(0.2)
            .withDescription("least IoU of a confident detection with a track's predicted box to match it");
    public static final ConfigOption<Integer> MIN_HITS = key("tracking.min-hits").intType().defaultValue(2)
            .withDescription("frames in a row a track must be matched before it gets an id");
    public static final ConfigOption<Integer> MAX_LOST = key("tracking.max-lost-frames").intType().defaultValue(30)
            .withDescription("frames without a match after which a track is dropped (a lost track keeps its id until then)");
    public static final ConfigOption<Integer> MAX_TRACKS = key("tracking.max-tracks").intType().defaultValue(256)
            .withDescription("tracks, live and lost, per stream; beyond it the longest-lost goes, or no new track starts");
    public static final ConfigOption<Integer> MAX_DETECTIONS = key("tracking.max-detections").intType()
            .defaultValue(300).withDescription("detections of one frame the tracker takes (the highest scores)");

    public static final ConfigOption<Double> MAX_JUMP = key("tracking.max-jump").doubleType().defaultValue(3.0)
            .withDescription("how far, in sizes of its box, an object seen on one frame may move by the next and "
                    + "still be matched when the boxes do not overlap (0: IoU only, as ByteTrack)");
    public static final ConfigOption<Double> MAX_COVERED = key("tracking.max-covered").doubleType().defaultValue(0.5)
            .withDescription("the largest share of a new detection's box that may lie inside a more confident box of "
                    + "its label (tracked on the same frame, or where a lost track is predicted) for it to start a "
                    + "track: a detector's second box on part of an object, or the part seen of a hidden one, is not "
                    + "a second object (1: any box starts one, as ByteTrack)");

    public static final ConfigOption<Long> REORDER_GRACE_MS = key("streams.reorder-grace-ms").longType()
            .defaultValue(200L).withDescription("how long a frame waits, after all frames read before it are through "
                    + "inference, for frames its producer wrote out of order");
    public static final ConfigOption<Integer> REORDER_MAX_FRAMES = key("streams.reorder-max-frames").intType()
            .defaultValue(256).withDescription("frames held per stream to put them in order; beyond it the "
                    + "earliest is released at once");
    public static final ConfigOption<Duration> IDLE_TTL = key("streams.idle-ttl").durationType()
            .defaultValue(Duration.ofMinutes(5)).withDescription("a stream without frames this long loses its "
                    + "tracks (its counts stay)");
    public static final ConfigOption<Duration> COUNTS_TTL = key("streams.counts-ttl").durationType()
            .defaultValue(Duration.ofDays(7)).withDescription("a stream without frames this long loses all its state, "
                    + "counts included");

    public static final ConfigOption<String> ZONES_FILE = key("zones.file").stringType().defaultValue("")
            .withDescription("YAML file of lines and zones per stream (`--zones FILE`); seeds topic zones' entries");
    public static final ConfigOption<Double> HYSTERESIS_PX = key("zones.hysteresis-px").doubleType()
            .defaultValue(4.0).withDescription("a track changes side of a line, or enters or leaves a zone, only "
                    + "once its anchor is this many pixels past it");

    private static final Rule<Double> SCORE = v -> v < 0 || v > 1 ? "must be between 0 and 1" : null;

    public static final OptionGroup GROUP = new OptionGroup("streams")
            .add(TRACKING).add(HIGH_SCORE, SCORE).add(LOW_SCORE, SCORE).add(NEW_TRACK_SCORE, SCORE)
            .add(MATCH_IOU, SCORE).add(MIN_HITS, Rule.positive()).add(MAX_LOST, Rule.positive())
            .add(MAX_TRACKS, Rule.positive()).add(MAX_DETECTIONS, Rule.positive())
            .add(MAX_JUMP, v -> v < 0 ? "must be 0 or more" : null).add(MAX_COVERED, SCORE)
            .add(REORDER_GRACE_MS, v -> v < 0 ? "must be 0 or more" : null).add(REORDER_MAX_FRAMES, Rule.positive())
            .add(IDLE_TTL, v -> v.isNegative() || v.isZero() ? "must be positive" : null)
            .add(COUNTS_TTL, v -> v.isNegative() || v.isZero() ? "must be positive" : null)
            .add(ZONES_FILE).add(HYSTERESIS_PX, v -> v < 0 ? "must be 0 or more" : null)
            .crossCheck(c -> c.get(LOW_SCORE) > c.get(HIGH_SCORE)
                    ? "tracking.low-score must not exceed tracking.high-score" : null);

    private StreamOptions() {
    }
}
