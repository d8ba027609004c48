package io.visionstream.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visionstream.output.Event;
import io.visionstream.output.Origin;
import io.visionstream.output.Output;
import io.visionstream.output.Reject;
import io.visionstream.output.Result;
import io.visionstream.output.RunInfo;
import io.visionstream.reject.RejectReason;
import io.visionstream.result.Detection;
import io.visionstream.result.Task;
import io.visionstream.result.TaskResult;
import io.visionstream.track.TrackerSettings;
import io.visionstream.zones.Anchor;
import io.visionstream.zones.StreamZones;
import io.visionstream.zones.ZonesConfig;
import io.visionstream.zones.ZonesFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The per-stream step without Flink: frame order, late frames, rejects as empty frames, and its bounds. */
class StreamStepsTest {
    private static final StreamSettings SETTINGS = new StreamSettings(true, Set.of("det"), TrackerSettings.defaults(),
            0, 64, 300_000, 7 * 86_400_000L, 4, ZonesConfig.NONE,
            new io.visionstream.render.OverlaySettings(640, io.visionstream.render.OverlayRenderer.Format.JPEG,
                    new io.visionstream.render.OverlaySampling(true, 1, false), 1 << 20, Set.of("det")));
    private static final StreamSteps.Observer QUIET = new StreamSteps.Observer() {
        @Override
        public void late() {
        }

        @Override
        public void overflow() {
        }

        @Override
        public void refused(int tracks) {
        }
    };

    private static Origin origin(String stream, long frame, long arrival) {
        return new Origin(stream, frame, "images", 0, frame, "det", 1000 + frame * 40, arrival, true);
    }

    private static Result result(String stream, long frame, long arrival, List<Detection> dets) {
        return new Result(origin(stream, frame, arrival), Task.DETECT, 640, 360, new TaskResult.Detections(dets),
                new RunInfo("cpu", false, 1, 416, 416, null, 1, Map.of()), Result.Pictures.NONE, 0, null);
    }

    private static Detection person(float cx) {
        return new Detection(0, "person", 0.8f, cx - 30, 100, cx + 30, 260);
    }

    @Test
    void framesFinishingOutOfOrderAreTrackedInFrameOrderAndCountedOnce() throws Exception {
        StreamZones line = ZonesFile.parseEntry("cam", "lines: [{name: mid, points: [[320, 0], [320, 360]]}]");
        StreamSteps steps = new StreamSteps(SETTINGS);
        StreamState s = new StreamState();
        List<Output> out = new ArrayList<>();
        // frames 0..19 walk right across x = 320; they finish inference in pairs swapped: 1, 0, 3, 2, ...
        for (int i = 0; i < 20; i += 2) {
            steps.add(s, result("cam", i + 1, i + 1, List.of(person(100 + 22 * (i + 1)))), i + 1, line, out::add, QUIET);
            steps.add(s, result("cam", i, i, List.of(person(100 + 22 * i))), i, line, out::add, QUIET);
            steps.release(s, i + 1, line, out::add, QUIET);
        }
        List<Long> frames = out.stream().filter(o -> o instanceof Result).map(o -> o.origin().frame()).toList();
        assertEquals(java.util.stream.LongStream.range(0, 20).boxed().toList(), frames, "published in frame order");
        List<Event> events = out.stream().filter(o -> o instanceof Event).map(o -> (Event) o).toList();
        assertEquals(1, events.size(), events.toString());
        // p2 - p1 = (0, 360): (p2 - p1) x (a - p1) = -360 (ax - 320), positive left of the line; moving right is "-"
        assertEquals("-", events.get(0).event().direction());
        int[] last = ((Result) out.get(indexOfFrame(out, 19))).tracks();
        assertEquals(1, last[0], "one track, id 1, through every frame");
        assertEquals(0, s.lateFrames);
    }

    private static int indexOfFrame(List<Output> out, long frame) {
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) instanceof Result && out.get(i).origin().frame() == frame) {
                return i;
            }
        }
        throw new AssertionError("no frame " + frame);
    }

    @Test
    void aFrameAfterALaterOneWasReleasedIsLateAndPublishedUntracked() {
        StreamSteps steps = new StreamSteps(SETTINGS);
        StreamState s = new StreamState();
        List<Output> out = new ArrayList<>();
        steps.add(s, result("cam", 5, 1, List.of(person(100))), 1, StreamZones.NONE, out::add, QUIET);
        steps.release(s, 1, StreamZones.NONE, out::add, QUIET);
        steps.add(s, result("cam", 4, 2, List.of(person(100))), 2, StreamZones.NONE, out::add, QUIET);
        assertEquals(1, s.lateFrames);
        Result late = (Result) out.get(out.size() - 1);
        assertEquals(4, late.origin().frame());
        assertNull(late.tracks(), "a late frame is not seen by the tracker");
        assertEquals(2, late.streamSeq(), "but is numbered and published");
    }

    @Test
    void rejectedFramesAgeTracksLikeEmptyFrames() {
        StreamSteps steps = new StreamSteps(SETTINGS);
        StreamState s = new StreamState();
        List<Output> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            steps.add(s, result("cam", i, i, List.of(person(100 + 5 * i))), i, StreamZones.NONE, out::add, QUIET);
        }
        for (int i = 3; i < 3 + SETTINGS.tracker().maxLost() + 1; i++) {
            steps.add(s, new Reject(origin("cam", i, i), RejectReason.CORRUPT_IMAGE, "bad"), i, StreamZones.NONE,
                    out::add, QUIET);
        }
        steps.release(s, Long.MAX_VALUE, StreamZones.NONE, out::add, QUIET);
        assertTrue(s.tracker.tracks.isEmpty(), "the track was lost for more than max-lost-frames rejected frames");
        assertEquals(3 + SETTINGS.tracker().maxLost() + 1, out.size(), "every frame published once");
    }

    /** State per stream stays within its bounds with 1,000 streams, and with one stream of hundreds of boxes a frame. */
    @Test
    void stateIsBoundedForManyStreamsAndForAnExplodingStream() throws Exception {
        TypeSerializer<StreamState> serializer = TypeInformation.of(StreamState.class)
                .createSerializer(new ExecutionConfig().getSerializerConfig());
        StreamZones zones = ZonesFile.parseEntry("cam", "lines: [{name: mid, points: [[320, 0], [320, 360]]}]\n"
                + "zones: [{name: z, points: [[0, 0], [200, 0], [200, 360], [0, 360]]}]");
        StreamSteps steps = new StreamSteps(SETTINGS);
        Random random = new Random(7);
        long maxBytes = 0;
        for (int stream = 0; stream < 1000; stream++) {
            StreamState s = new StreamState();
            for (int f = 0; f < 40; f++) {
                List<Detection> dets = new ArrayList<>();
                for (int k = 0; k < 5; k++) {
                    float x = random.nextFloat() * 600;
                    dets.add(new Detection(0, "person", 0.9f, x, 50, x + 40, 150));
                }
                steps.add(s, result("cam-" + stream, f, f, dets), f, zones, o -> { }, QUIET);
                steps.release(s, f, zones, o -> { }, QUIET);
            }
            maxBytes = Math.max(maxBytes, bytes(serializer, s));
        }
        System.out.printf("1000 streams: largest state %d bytes%n", maxBytes);
        assertTrue(maxBytes < 64 * 1024, "a 5-object stream's state stays small: " + maxBytes);

        StreamState exploding = new StreamState();
        long[] sizes = new long[3];
        for (int f = 0; f < 300; f++) {
            List<Detection> dets = new ArrayList<>();
            for (int k = 0; k < 500; k++) {
                float x = random.nextFloat() * 4000;
                float y = random.nextFloat() * 3000;
                dets.add(new Detection(k % 3, "c" + (k % 3), 0.3f + random.nextFloat() * 0.7f, x, y, x + 30, y + 30));
            }
            steps.add(exploding, result("boom", f, f, dets), f, zones, o -> { }, QUIET);
            steps.release(exploding, f, zones, o -> { }, QUIET);
            assertTrue(exploding.tracker.tracks.size() <= SETTINGS.tracker().maxTracks());
            assertTrue(exploding.zones.places.size() <= SETTINGS.tracker().maxTracks());
            if (f == 99 || f == 199 || f == 299) {
                sizes[f / 100] = bytes(serializer, exploding);
            }
        }
        System.out.printf("exploding stream (500 boxes a frame): state %d, %d, %d bytes at frames 100, 200, 300%n",
                sizes[0], sizes[1], sizes[2]);
        assertTrue(sizes[2] < sizes[0] * 1.5 + 4096, "flat, not growing: " + java.util.Arrays.toString(sizes));
        assertTrue(sizes[2] < 2 << 20, "bounded by max-tracks: " + sizes[2]);
    }

    private static long bytes(TypeSerializer<StreamState> serializer, StreamState s) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(4096);
        serializer.serialize(s, out);
        return out.length();
    }

    @Test
    void anchorsAreWhereTheyShouldBe() {
        assertEquals(50f, Anchor.BOTTOM.y(10, 50));
        assertEquals(30f, Anchor.CENTER.y(10, 50));
    }

    /**
     * A tracked result's overlay is drawn where the tracker ran: the overlay comes out before its result, with the
     * stream's line drawn on the frame, and the result says an overlay was published and carries no pixels on.
     */
    @Test
    void trackedOverlaysAreDrawnAfterTrackingWithTheStreamsLines() throws Exception {
        StreamZones line = ZonesFile.parseEntry("cam", "lines: [{name: mid, points: [[320, 0], [320, 360]]}]");
        java.awt.image.BufferedImage grey = new java.awt.image.BufferedImage(640, 360,
                java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = grey.createGraphics();
        g.setColor(new java.awt.Color(90, 90, 90));
        g.fillRect(0, 0, 640, 360);
        g.dispose();
        byte[] base = io.visionstream.codec.JpegEncoder.encode(grey, 0.9f);
        StreamSteps steps = new StreamSteps(SETTINGS);
        StreamState s = new StreamState();
        List<Output> out = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            Result r = result("cam", f, 1000 + f, List.of(person(100 + 10 * f)));
            r = r.withPictures(new Result.Pictures("jpeg", false, null, base));
            steps.add(s, r, 1000 + f, line, out::add, QUIET);
        }
        steps.release(s, Long.MAX_VALUE, line, out::add, QUIET);
        List<io.visionstream.output.Picture> pictures = out.stream()
                .filter(o -> o instanceof io.visionstream.output.Picture).map(o -> (io.visionstream.output.Picture) o)
                .toList();
        List<Result> results = out.stream().filter(o -> o instanceof Result).map(o -> (Result) o).toList();
        assertEquals(3, pictures.size());
        assertEquals(3, results.size());
        assertTrue(out.indexOf(pictures.get(0)) < out.indexOf(results.get(0)), "the overlay before its result");
        for (Result r : results) {
            assertEquals("jpeg", r.pictures().overlayFormat());
            assertTrue(!r.pictures().overlayPending(), "no pixels travel on");
        }
        java.awt.image.BufferedImage drawn = javax.imageio.ImageIO.read(
                new java.io.ByteArrayInputStream(pictures.get(2).bytes()));
        int rgb = drawn.getRGB(320, 200);
        assertTrue(((rgb >> 16) & 0xFF) < 150 && (rgb & 0xFF) > 180, "the line is drawn: " + Integer.toHexString(rgb));
        assertEquals(90, drawn.getRGB(500, 300) & 0xFF, 6, "the rest is the frame");
    }
}
