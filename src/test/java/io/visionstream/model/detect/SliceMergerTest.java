package io.visionstream.model.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.visionstream.result.Detection;
import java.awt.Rectangle;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Objects cut by slice edges, with known answers: the boxes each run would report (in frame pixels) for an
 * object of known extent, and the one box the merger must give back.
 */
class SliceMergerTest {
    private static final Rectangle LEFT = new Rectangle(0, 0, 500, 500);
    private static final Rectangle RIGHT = new Rectangle(400, 0, 500, 500);

    private static Detection box(float x1, float y1, float x2, float y2, float score) {
        return new Detection(0, "person", score, x1, y1, x2, y2);
    }

    private static Detection box(float x1, float y1, float x2, float y2) {
        return box(x1, y1, x2, y2, 0.8f);
    }

    private static SliceMerger merger(int w, int h) {
        return new SliceMerger(w, h, 0.2, 0.7f, 0.6f, 100);
    }

    private static void assertBox(Detection expected, Detection got) {
        assertEquals(expected.x1(), got.x1(), 0.01, "x1 of " + got);
        assertEquals(expected.y1(), got.y1(), 0.01, "y1 of " + got);
        assertEquals(expected.x2(), got.x2(), 0.01, "x2 of " + got);
        assertEquals(expected.y2(), got.y2(), 0.01, "y2 of " + got);
    }

    @Test
    void anObjectCutInTwoByASeamComesBackWhole() {
        // the object spans 350..600; the left slice ends at 500, the right one starts at 400
        SliceMerger m = merger(900, 500);
        m.add(List.of(box(350, 100, 500, 300, 0.7f)), LEFT);
        m.add(List.of(box(400, 102, 600, 298, 0.6f)), RIGHT);
        List<Detection> out = m.finish();
        assertEquals(1, out.size(), out.toString());
        assertBox(box(350, 100, 600, 300), out.get(0));
        assertEquals(0.7f, out.get(0).score(), 1e-6);
    }

    @Test
    void anObjectCutInFourComesBackWhole() {
        SliceMerger m = merger(900, 900);
        m.add(List.of(box(350, 350, 500, 500)), new Rectangle(0, 0, 500, 500));
        m.add(List.of(box(400, 350, 600, 500)), new Rectangle(400, 0, 500, 500));
        m.add(List.of(box(350, 400, 500, 600)), new Rectangle(0, 400, 500, 500));
        m.add(List.of(box(400, 400, 600, 600)), new Rectangle(400, 400, 500, 500));
        List<Detection> out = m.finish();
        assertEquals(1, out.size(), out.toString());
        assertBox(box(350, 350, 600, 600), out.get(0));
    }

    @Test
    void anObjectLargerThanASliceIsTheOverviewsBoxAndItsPiecesGo() {
        SliceMerger m = merger(2000, 1000);
        m.add(List.of(box(100, 100, 1600, 800, 0.6f)), new Rectangle(0, 0, 2000, 1000));
        // slices of 500 see pieces, cut by their inner edges, each scored above the overview's box
        m.add(List.of(box(100, 100, 500, 500, 0.9f)), new Rectangle(0, 0, 500, 500));
        m.add(List.of(box(400, 100, 900, 500, 0.9f)), new Rectangle(400, 0, 500, 500));
        m.add(List.of(box(800, 400, 1300, 800, 0.9f)), new Rectangle(800, 400, 500, 500));
        List<Detection> out = m.finish();
        assertEquals(1, out.size(), out.toString());
        assertBox(box(100, 100, 1600, 800), out.get(0));
    }

    @Test
    void twoObjectsSideBySideAtASeamStayTwo() {
        SliceMerger m = merger(900, 500);
        // object A (300..450) whole in the left slice and cut in the right; B (470..650) the other way round
        m.add(List.of(box(300, 100, 450, 300), box(470, 100, 500, 300)), LEFT);
        m.add(List.of(box(400, 100, 450, 300), box(470, 100, 650, 300)), RIGHT);
        List<Detection> out = m.finish();
        assertEquals(2, out.size(), out.toString());
        assertBox(box(300, 100, 450, 300), out.stream().filter(d -> d.x1() < 400).findFirst().orElseThrow());
        assertBox(box(470, 100, 650, 300), out.stream().filter(d -> d.x1() > 400).findFirst().orElseThrow());
    }

    @Test
    void piecesJoinedIntoAnUncutBoxCompeteAsAWholeBox() {
        // the bicycle, cut by the seam, comes back whole at 0.76; the overview's box around the whole pasted photo
        // (0.52, the same class) holds it and must not swallow it
        SliceMerger m = merger(900, 500);
        m.add(List.of(box(300, 100, 700, 450, 0.52f)), new Rectangle(0, 0, 900, 500));
        m.add(List.of(box(380, 200, 500, 300, 0.76f)), LEFT);
        m.add(List.of(box(400, 200, 560, 300, 0.7f)), RIGHT);
        List<Detection> out = m.finish();
        assertEquals(1, out.size(), out.toString());
        assertBox(box(380, 200, 560, 300), out.get(0));
    }

    @Test
    void piecesOfTwoClassesAreNotJoined() {
        SliceMerger m = merger(900, 500);
        m.add(List.of(box(350, 100, 500, 300)), LEFT);
        m.add(List.of(new Detection(1, "bicycle", 0.8f, 400, 100, 600, 300)), RIGHT);
        assertEquals(2, m.finish().size());
    }

    @Test
    void aSmallObjectIsAnsweredByTheFinestLevelNotTheOverview() {
        // slices of 500 overlapping by 100 hold every object up to 100 pixels whole: the overview's box of a 60-pixel
        // object is a coarse guess the slices' own answers replace
        SliceMerger m = merger(900, 500);
        m.add(List.of(box(100, 100, 160, 160, 0.9f), box(600, 100, 880, 400, 0.9f)), new Rectangle(0, 0, 900, 500));
        m.add(List.of(box(102, 98, 158, 162, 0.5f)), LEFT);
        m.add(List.of(), RIGHT);
        List<Detection> out = m.finish();
        assertEquals(2, out.size(), out.toString());
        assertBox(box(102, 98, 158, 162), out.stream().filter(d -> d.x1() < 200).findFirst().orElseThrow());
    }

    @Test
    void theSameObjectWholeInTwoOverlappingSlicesIsReportedOnce() {
        SliceMerger m = merger(900, 500);
        m.add(List.of(box(420, 100, 480, 200, 0.6f)), LEFT);
        m.add(List.of(box(421, 101, 481, 201, 0.7f)), RIGHT);
        List<Detection> out = m.finish();
        assertEquals(1, out.size(), out.toString());
        assertEquals(0.7f, out.get(0).score(), 1e-6);
    }
}
