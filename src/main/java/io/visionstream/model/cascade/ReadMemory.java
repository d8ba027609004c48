package io.visionstream.model.cascade;

import io.visionstream.result.Detection;
import io.visionstream.result.TaskResult;
import io.visionstream.track.ByteTracker;
import io.visionstream.track.Track;
import io.visionstream.track.TrackerSettings;
import io.visionstream.track.TrackerState;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a cascade's second model read on the objects of each stream one slot sees ({@code readOnce}): the slot
 * follows a stream's qualifying detections with its own {@link ByteTracker} and keeps, per object, its best read
 * so far, so a later frame of the same object reuses that read instead of running the second model again. An
 * object is read again only when its view is clearly better ({@link #BETTER} times the crop pixels × score of the
 * best read), at most {@link #MAX_READS} times in all.
 *
 * <p>Slot memory, not Flink state, on purpose: losing it (a restart, a rescale, a stream whose frames go to
 * another slot) costs one more read of each object, never a wrong or a missing result. Bounded: at most
 * {@link #MAX_STREAMS} streams (the least recently seen forgotten first), {@link #MAX_OBJECTS} followed objects per
 * stream, one pixel-free result per object.
 */
final class ReadMemory {
    static final int MAX_STREAMS = 256;
    static final int MAX_OBJECTS = 64;
    static final int MAX_READS = 3;
    static final double BETTER = 1.5;

    /** One object's best read: the second model's result in the crop's pixels, where that crop lay, and its worth. */
    record Read(TaskResult inCrop, CropPlacement placement, double worth, int reads) {
    }

    private static final class StreamReads {
        final TrackerState state = new TrackerState();
        final Map<Long, Read> reads = new HashMap<>();
    }

    private final ByteTracker tracker;
    private final Map<String, StreamReads> streams = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, StreamReads> eldest) {
            return size() > MAX_STREAMS;
        }
    };

    ReadMemory() {
        TrackerSettings d = TrackerSettings.defaults();
        // minHits 1: an object is followed from its first frame, which is when it is read first; every box starts
        // a track (maxCovered 1): a box without one would be read again on every frame
        this.tracker = new ByteTracker(new TrackerSettings(d.highScore(), d.lowScore(), d.newTrackScore(), d.firstIou(),
                d.secondIou(), d.unconfirmedIou(), 1, d.maxLost(), MAX_OBJECTS, d.maxDetections(), d.maxJump(), 1f));
    }

    /** Follows one frame's qualifying detections of {@code stream}: each one's object key, -1 where none. */
    long[] follow(String stream, List<Detection> wanted) {
        StreamReads s = streams.computeIfAbsent(stream, k -> new StreamReads());
        long[] keys = tracker.update(s.state, wanted).keys();
        Set<Long> live = new HashSet<>();
        for (Track t : s.state.tracks) {
            live.add(t.key);
        }
        s.reads.keySet().retainAll(live);
        return keys;
    }

    Read get(String stream, long key) {
        StreamReads s = streams.get(stream);
        return s == null ? null : s.reads.get(key);
    }

    /** Whether a view worth {@code worth} is to be read, against the object's best read so far (null: none). */
    static boolean worthReading(Read best, double worth) {
        return best == null || best.reads() < MAX_READS && worth >= BETTER * best.worth();
    }

    /** Keeps a new read where it is better than the best so far (a failed re-read keeps the old one). */
    void put(String stream, long key, TaskResult inCrop, CropPlacement placement, double worth) {
        StreamReads s = streams.get(stream);
        if (s == null) {
            return;
        }
        Read old = s.reads.get(key);
        int reads = old == null ? 1 : old.reads() + 1;
        if (old == null || worth >= old.worth()) {
            s.reads.put(key, new Read(inCrop.withoutPixels(), placement, worth, reads));
        } else {
            s.reads.put(key, new Read(old.inCrop(), old.placement(), old.worth(), reads));
        }
    }

    /** The read moved to a crop of the object on this frame: the old crop's pixels stretched over the new crop. */
    static TaskResult moved(Read read, CropPlacement now) {
        CropPlacement was = read.placement();
        double scale = was.scale() * was.width() / (double) Math.max(1, now.width());
        return new CropPlacement(now.x(), now.y(), now.width(), now.height(), scale).toFrame(read.inCrop());
    }
}
