package io.visionstream.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visionstream.result.Detection;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The tracker on synthetic boxes, no model: ids kept, recovered, renewed, per label, and bounded state. */
class ByteTrackerTest {
    private final ByteTracker tracker = new ByteTracker(TrackerSettings.defaults());
    private final TrackerState state = new TrackerState();

    private static Detection box(int cls, String label, double cx, double cy) {
        return new Detection(cls, label, 0.9f, (float) (cx - 20), (float) (cy - 50), (float) (cx + 20), (float) (cy + 50));
    }

    @Test
    void twoObjectsOnStraightLinesKeepTheirIds() {
        int a = 0;
        int b = 0;
        for (int f = 0; f < 60; f++) {
            int[] ids = tracker.update(state, List.of(box(0, "person", 50 + 5 * f, 100),
                    box(0, "person", 600 - 6 * f, 300))).ids();
            if (f == 0) {
                a = ids[0];
                b = ids[1];
            }
            assertEquals(a, ids[0], "frame " + f);
            assertEquals(b, ids[1], "frame " + f);
        }
        assertTrue(a > 0 && b > 0 && a != b);
    }

    /** 90 px a frame, over twice its 40 px width: its boxes never overlap, so IoU alone never follows it. */
    private static int[] fastObjectIds(ByteTracker tracker, TrackerState state) {
        int[] ids = new int[30];
        for (int f = 0; f < 30; f++) {
            List<Detection> boxes = new ArrayList<>(List.of(box(0, "person", 1500, 100)));
            if (f >= 3) {
                boxes.add(box(0, "person", 50 + 90 * (f - 3), 400));
                ids[f] = tracker.update(state, boxes).ids()[1];
            } else {
                tracker.update(state, boxes);
            }
        }
        return ids;
    }

    @Test
    void anObjectFasterThanItsSizeGetsOneIdFromItsThirdFrame() {
        int[] ids = fastObjectIds(tracker, state);
        assertEquals(0, ids[3], "not confirmed on its first frame");
        assertEquals(0, ids[4], "nor on its second: one jump is only a guess");
        assertTrue(ids[5] > 0, "confirmed on its third, the third box in line with the first two");
        for (int f = 5; f < 30; f++) {
            assertEquals(ids[5], ids[f], "frame " + f);
        }
        int[] plain = fastObjectIds(new ByteTracker(TrackerSettings.defaults().withoutJumps()), new TrackerState());
        for (int f = 3; f < 30; f++) {
            assertEquals(0, plain[f], "ByteTrack's IoU association alone never confirms it (frame " + f + ")");
        }
    }

    /**
     * A person walking behind something for four frames, only its head and shoulders seen (a box a fifth of its own):
     * the filter's box shrinks to that, and the whole person coming back overlaps it too little for IoU. It keeps
     * its id.
     */
    @Test
    void anObjectSeenInPartForAFewFramesKeepsItsId() {
        int id = 0;
        for (int f = 0; f < 40; f++) {
            double x = 100 + 3 * f;
            Detection d = f >= 20 && f < 24
                    ? new Detection(0, "person", 0.6f, (float) x + 12, 100, (float) x + 28, 145)
                    : new Detection(0, "person", 0.9f, (float) x, 100, (float) x + 40, 200);
            int got = tracker.update(state, List.of(d)).ids()[0];
            if (f == 1) {
                id = got;
            }
            if (f >= 20 && f < 24) {
                assertTrue(got == id || got == 0, "no second id for the part seen, frame " + f + ": " + got);
            } else if (f >= 1) {
                assertEquals(id, got, "frame " + f);
            }
        }
        assertTrue(id > 0);
    }

    /** An object on a stream's first frame, confirmed there, that then jumps 90 px a frame keeps its first id. */
    @Test
    void aConfirmedObjectThatJumpsKeepsItsId() {
        int first = tracker.update(state, List.of(box(0, "person", 50, 100))).ids()[0];
        assertTrue(first > 0);
        tracker.update(state, List.of(box(0, "person", 140, 100)));
        for (int f = 2; f < 8; f++) {
            assertEquals(first, tracker.update(state, List.of(box(0, "person", 50 + 90 * f, 100))).ids()[0],
                    "frame " + f);
        }
    }

    /** Two new boxes that may both be where one object jumped, and both go on in line: one id each, never shared. */
    @Test
    void twoJumpsFromOneObjectGiveTwoIds() {
        int first = tracker.update(state, List.of(box(0, "person", 300, 300))).ids()[0];
        tracker.update(state, List.of(box(0, "person", 390, 300), box(0, "person", 300, 420)));
        int[] third = tracker.update(state, List.of(box(0, "person", 480, 300), box(0, "person", 300, 540))).ids();
        assertTrue(third[0] > 0 && third[1] > 0, "both confirmed on their third box in line");
        assertNotEquals(third[0], third[1]);
        assertTrue(third[0] == first || third[1] == first, "one of them goes on with the first one's id");
    }

    /**
     * A stream's first frame confirms its tracks at once; a person missed on the next frame while another appears
     * 2.2 heights away (what low-scoring detections of a crowd give) must keep its id when it is seen again, not
     * lend it to the other.
     */
    @Test
    void anObjectMissedForAFrameDoesNotJumpToANewOneNearby() {
        Detection a = box(0, "person", 300, 450);
        Detection b = box(0, "person", 440, 660);
        int first = tracker.update(state, List.of(a)).ids()[0];
        assertTrue(first > 0, "confirmed on the stream's first frame");
        int[] second = tracker.update(state, List.of(b)).ids();
        assertEquals(0, second[0], "the new one is not the missed one");
        int[] third = tracker.update(state, List.of(a, b)).ids();
        assertEquals(first, third[0], "the missed one keeps its id");
        assertTrue(third[1] > 0 && third[1] != first, "the new one gets its own");
    }

    /**
     * A person walking right with, on every frame, the detector's second box over its right 60% (less confident,
     * as NanoDet gives them), from the stream's first frame on; and a second person that walks out from behind the
     * first. f: frame; returns {first person's id, the second box's id, the second person's id} per frame.
     */
    private static int[][] personWithSecondBox(ByteTracker tracker, TrackerState state) {
        int[][] ids = new int[40][];
        for (int f = 0; f < 40; f++) {
            double x = 100 + 2 * f;
            List<Detection> boxes = new ArrayList<>();
            boxes.add(new Detection(0, "person", 0.8f, (float) x, 100, (float) x + 40, 200));
            boxes.add(new Detection(0, "person", 0.45f, (float) x + 16, 102, (float) x + 44, 198));
            // behind the first, 3 px a frame faster: 90% inside it at first, out from behind by frame 30
            double bx = x - 4 + f;
            boxes.add(new Detection(0, "person", 0.6f, (float) bx, 110, (float) bx + 40, 210));
            ids[f] = tracker.update(state, boxes).ids();
        }
        return ids;
    }

    @Test
    void aSecondBoxOverPartOfAnObjectIsNoSecondObject() {
        int[][] ids = personWithSecondBox(tracker, state);
        int second = 0;
        for (int f = 0; f < 40; f++) {
            assertEquals(ids[0][0], ids[f][0], "the person keeps its id, frame " + f);
            assertEquals(0, ids[f][1], "the second box over it never gets one, frame " + f);
            if (ids[f][2] > 0 && second == 0) {
                second = f;
            }
        }
        assertTrue(second > 0 && second < 30, "the person behind gets an id once out from behind: frame " + second);
        assertEquals(0, ids[0][2], "not while 90% hidden");
        assertEquals(ids[second][2], ids[39][2]);
        int[][] any = personWithSecondBox(new ByteTracker(TrackerSettings.defaults().withAnyBirth()), new TrackerState());
        assertTrue(any[0][1] > 0 && any[0][2] > 0, "with any box starting a track (ByteTrack), the second box gets one");
    }

    @Test
    void anObjectMissingForFiveFramesGetsItsIdBack() {
        int id = 0;
        for (int f = 0; f < 40; f++) {
            if (f >= 10 && f < 15) {
                tracker.update(state, List.of());
                continue;
            }
            int got = tracker.update(state, List.of(box(0, "person", 100 + 3 * f, 200))).ids()[0];
            if (f == 0) {
                id = got;
            }
            assertEquals(id, got, "frame " + f);
        }
    }

    @Test
    void anObjectMissingLongerThanMaxLostGetsANewId() {
        int before = 0;
        for (int f = 0; f < 5; f++) {
            before = tracker.update(state, List.of(box(0, "person", 300, 200))).ids()[0];
        }
        for (int f = 0; f < TrackerSettings.defaults().maxLost() + 2; f++) {
            tracker.skip(state);
        }
        int after = 0;
        for (int f = 0; f < 3; f++) {
            after = tracker.update(state, List.of(box(0, "person", 300, 200))).ids()[0];
        }
        assertTrue(after > 0);
        assertNotEquals(before, after);
    }

    @Test
    void boxesOfDifferentLabelsNeverSwapIds() {
        int person = 0;
        int dog = 0;
        for (int f = 0; f < 60; f++) {
            // same lane, opposite ways: at frame 30 the two boxes are the very same box
            int[] ids = tracker.update(state, List.of(box(0, "person", 100 + 10 * f, 200),
                    box(16, "dog", 700 - 10 * f, 200))).ids();
            if (f == 0) {
                person = ids[0];
                dog = ids[1];
            }
            if (ids[0] > 0) {
                assertEquals(person, ids[0], "person, frame " + f);
            }
            if (ids[1] > 0) {
                assertEquals(dog, ids[1], "dog, frame " + f);
            }
        }
        assertNotEquals(person, dog);
    }

    /**
     * The detector flips a standing person's label on some frames (nanodet's "fire hydrant" at the image's edge):
     * the flipped boxes must not become a second confirmed track on the person's box, or the object's frames
     * alternate between two ids. Matching stays same-label, so the flipped boxes get no id; ByteTrack's
     * remove_duplicate_stracks, which compares boxes whatever their label, drops the track they start.
     */
    @Test
    void aLabelFlickerOnOneObjectGivesNoSecondId() {
        int person = 0;
        for (int f = 0; f < 20; f++) {
            boolean flipped = f == 6 || f == 7 || f == 12 || f == 13 || f == 14;
            Detection d = flipped ? box(10, "fire hydrant", 300 + 0.5 * f, 200) : box(0, "person", 300 + 0.5 * f, 200);
            int id = tracker.update(state, List.of(d)).ids()[0];
            if (f == 0) {
                person = id;
            }
            if (flipped) {
                assertEquals(0, id, "the flipped box on frame " + f + " got an id of its own");
            } else {
                assertEquals(person, id, "person, frame " + f);
            }
        }
        assertTrue(person > 0);
        assertEquals(1, state.nextId - 1, "ids given");
    }

    @Test
    void manyRandomBoxesKeepTheTrackCountBounded() {
        Random r = new Random(3);
        int max = TrackerSettings.defaults().maxTracks();
        for (int f = 0; f < 1000; f++) {
            List<Detection> dets = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                float x = r.nextFloat() * 1900;
                float y = r.nextFloat() * 1060;
                dets.add(new Detection(r.nextInt(3), "c", 0.3f + 0.7f * r.nextFloat(), x, y, x + 10 + r.nextFloat() * 40,
                        y + 10 + r.nextFloat() * 40));
            }
            tracker.update(state, dets);
            assertTrue(state.tracks.size() <= max, "frame " + f + ": " + state.tracks.size() + " tracks");
        }
    }
}
