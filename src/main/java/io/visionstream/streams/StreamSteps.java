package io.visionstream.streams;

import io.visionstream.output.Event;
import io.visionstream.output.Output;
import io.visionstream.output.Picture;
import io.visionstream.output.Reject;
import io.visionstream.output.Result;
import io.visionstream.render.OverlayRenderer;
import io.visionstream.render.OverlaySettings;
import io.visionstream.result.Detection;
import io.visionstream.result.TaskResult;
import io.visionstream.track.ByteTracker;
import io.visionstream.zones.StreamZones;
import io.visionstream.zones.TrackedBox;
import io.visionstream.zones.ZoneCounter;
import io.visionstream.zones.ZoneEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * What happens to one stream's results, free of Flink so it can be tested alone: frames wait in the stream's
 * reorder buffer until everything read before them is through inference, are released in frame order, and each
 * goes through the tracker and the lines and zones; out come the result (numbered, with track ids) and its
 * events. A frame that comes after a later frame of its stream was released is late: it is published as it is
 * (no track ids, not seen by the tracker) and counted. Rejected frames count as frames without detections.
 */
public final class StreamSteps {
    private static final int MAX_COUNT_KEYS = 4096;

    private final StreamSettings settings;
    private final ByteTracker tracker;
    private final ZoneCounter zoneCounter;
    /** Draws tracked results' overlays; null where the settings carry none (tests of the logic alone). */
    private final OverlayRenderer overlays;

    /** What the step did besides publishing, for metrics. */
    public interface Observer {
        void late();

        void overflow();

        void refused(int tracks);
    }

    public StreamSteps(StreamSettings settings) {
        this.settings = settings;
        this.tracker = new ByteTracker(settings.tracker());
        this.zoneCounter = new ZoneCounter(settings.zonesFile().anchor(), settings.hysteresisPx());
        OverlaySettings o = settings.overlays();
        this.overlays = o == null ? null : new OverlayRenderer(o.maxSide(), o.format());
    }

    /** Whether the output waits for its turn; false: it is published at once, numbered if it is a result. */
    public boolean ordered(Output o) {
        return (o instanceof Result || o instanceof Reject) && settings.tracks(o.origin().model());
    }

    /** Publishes an output that is not ordered (or came too late to be tracked). */
    public void passThrough(StreamState s, Output o, Consumer<Output> out) {
        publishNumbered(s, o, StreamZones.NONE, out);
    }

    /** An output as it is, a result numbered (and its overlay drawn with the stream's zones, without tracks). */
    private void publishNumbered(StreamState s, Output o, StreamZones zones, Consumer<Output> out) {
        if (o instanceof Result r) {
            publishResult(r.withStreamSeq(++s.results), zones, out);
        } else {
            out.accept(o);
        }
    }

    /**
     * A result, after its overlay when one is still to be drawn: its boxes with their track numbers and the stream's
     * lines and zones on the frame the slot scaled and encoded. The overlay comes first, as the slot's do.
     */
    private void publishResult(Result r, StreamZones zones, Consumer<Output> out) {
        Result.Pictures p = r.pictures();
        if (!p.overlayPending()) {
            out.accept(r);
            return;
        }
        byte[] drawn = overlays == null || !(r.result() instanceof TaskResult.Detections d) ? null
                : overlays.decorate(p.overlayBase(), r.width(), d, r.tracks(), zones, settings.overlays().maxRecordBytes());
        if (drawn != null) {
            out.accept(new Picture(r.origin(), Picture.Kind.OVERLAY, p.overlayFormat(), drawn));
        }
        out.accept(r.withPictures(p.overlayPublished(drawn == null ? null : p.overlayFormat())));
    }

    /**
     * Adds a frame to the buffer, or publishes it at once when it is late; a full buffer releases its earliest
     * frame first.
     */
    public void add(StreamState s, Output o, long arrival, StreamZones zones, Consumer<Output> out, Observer obs) {
        if (s.released && o.origin().orderKey() <= s.lastKey) {
            s.lateFrames++;
            obs.late();
            passThrough(s, o, out);
            return;
        }
        if (s.pending.size() >= settings.maxPending()) {
            obs.overflow();
            PendingFrame first = s.pending.stream().min(Comparator.comparingLong(PendingFrame::orderKey)).orElseThrow();
            s.pending.remove(first);
            process(s, first.output, zones, out, obs);
        }
        s.pending.add(new PendingFrame(o, arrival));
    }

    /** Releases, in frame order, every waiting frame read at or before {@code readBy}. */
    public void release(StreamState s, long readBy, StreamZones zones, Consumer<Output> out, Observer obs) {
        List<PendingFrame> due = new ArrayList<>();
        Iterator<PendingFrame> it = s.pending.iterator();
        while (it.hasNext()) {
            PendingFrame p = it.next();
            if (p.arrival + settings.graceMs() <= readBy) {
                due.add(p);
                it.remove();
            }
        }
        due.sort(Comparator.comparingLong(PendingFrame::orderKey).thenComparingLong(p -> p.output.origin().offset()));
        for (PendingFrame p : due) {
            if (s.released && p.orderKey() <= s.lastKey) {
                s.lateFrames++;
                obs.late();
                passThrough(s, p.output, out);
            } else {
                process(s, p.output, zones, out, obs);
            }
        }
    }

    /** The earliest time a waiting frame is due (Long.MAX_VALUE: none waits). */
    public long nextDue(StreamState s) {
        long min = Long.MAX_VALUE;
        for (PendingFrame p : s.pending) {
            min = Math.min(min, p.arrival + settings.graceMs());
        }
        return min;
    }

    /** Drops the stream's tracks (it was silent for idle-ttl); its counts stay, occupancies go to 0. */
    public static void forgetTracks(StreamState s) {
        s.tracker.tracks.clear();
        s.zones.places.clear();
        for (long[] c : s.zones.zones.values()) {
            c[2] = 0;
        }
    }

    private void process(StreamState s, Output o, StreamZones zones, Consumer<Output> out, Observer obs) {
        long ts = o.origin().timestamp();
        if (s.released && ts - s.lastTimestamp > settings.idleTtlMs()) {
            forgetTracks(s);
        }
        s.released = true;
        s.lastKey = o.origin().orderKey();
        s.lastTimestamp = Math.max(s.lastTimestamp, ts);
        if (!(o instanceof Result r) || !(r.result() instanceof TaskResult.Detections d)) {
            ByteTracker.Step step = tracker.skip(s.tracker);
            List<ZoneEvent> events = zoneCounter.step(s.zones, zones, List.of(), step.removed());
            publishNumbered(s, o, zones, out);
            publish(o, events, out);
            return;
        }
        List<Detection> dets = d.detections();
        ByteTracker.Step step = tracker.update(s.tracker, dets);
        if (step.refused() > 0) {
            obs.refused(step.refused());
        }
        List<TrackedBox> boxes = TrackedBox.confirmed(dets, step.ids());
        List<ZoneEvent> events = zoneCounter.step(s.zones, zones, boxes, step.removed());
        ZoneCounter.boundCounts(s.zones, zones, MAX_COUNT_KEYS);
        publishResult(r.withTracks(step.ids()).withStreamSeq(++s.results), zones, out);
        publish(o, events, out);
    }

    private static void publish(Output frame, List<ZoneEvent> events, Consumer<Output> out) {
        for (ZoneEvent e : events) {
            out.accept(new Event(frame.origin(), e));
        }
    }
}
