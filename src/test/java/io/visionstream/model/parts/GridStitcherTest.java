package io.visionstream.model.parts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visionstream.model.Handlers;
import io.visionstream.model.Inference;
import io.visionstream.model.ModelHandler;
import io.visionstream.model.ModelSpec;
import io.visionstream.result.Person;
import io.visionstream.result.TaskResult;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/** Huge images under memory policy tile: tiles of the box over the image, their grids stitched cell by cell. */
class GridStitcherTest {

    /** A grid whose every value says which cell and channel it is: cut into tiles and stitched, it comes back whole. */
    @Test
    void tilesCutFromOneGridStitchBackToIt() {
        int w = 1000;
        int h = 700;
        int gw = GridStitcher.cells(w);
        int gh = GridStitcher.cells(h);
        BodyPixGrid whole = grid(gh, gw, cell -> cell);
        GridStitcher s = new GridStitcher(w, h);
        List<GridStitcher.Tile> tiles = GridStitcher.tiles(w, h, 321, 257, 128);
        assertTrue(tiles.size() >= 6, tiles.toString());
        for (GridStitcher.Tile t : tiles) {
            assertEquals(0, t.x() % 16);
            assertEquals(0, t.y() % 16);
            int tgw = (t.width() - 1) / 16 + 1;
            int tgh = (t.height() - 1) / 16 + 1;
            int cx = t.x() / 16;
            int cy = t.y() / 16;
            // the tile's view of the whole grid (cells past the image edge hold -1)
            s.add(grid(tgh, tgw, c -> {
                int gy = cy + c / tgw;
                int gx = cx + c % tgw;
                return gy < gh && gx < gw ? gy * gw + gx : -1;
            }), t, 128);
        }
        BodyPixGrid stitched = s.grid();
        assertArrayEquals(whole.segments(), stitched.segments());
        assertArrayEquals(whole.partLogits(), stitched.partLogits());
        assertArrayEquals(whole.longOffsets(), stitched.longOffsets());
        assertArrayEquals(whole.displacementBwd(), stitched.displacementBwd());
    }

    private static BodyPixGrid grid(int gh, int gw, IntUnaryOperator value) {
        int cells = gh * gw;
        float[][] a = {new float[cells], new float[cells * 24], new float[cells * 17], new float[cells * 34],
            new float[cells * 34], new float[cells * 32], new float[cells * 32]};
        for (float[] plane : a) {
            int c = plane.length / cells;
            for (int i = 0; i < plane.length; i++) {
                plane[i] = value.applyAsInt(i / c) * 100 + i % c;
            }
        }
        return BodyPixGrid.of(gh, gw, 16, a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
    }

    /** The player of messi5.jpg pasted twice its size into a 1920x1080 frame: found in tiles, where he was pasted. */
    @Test
    void aPersonInAHugeFrameIsParsedAtFullResolutionInTiles() throws Exception {
        ModelSpec bundled = Handlers.BUNDLED.get("bodypix-parts");
        ModelSpec tiled = bundled.with("memoryPolicy", "tile", bundled.maxSide());
        BufferedImage messi = Handlers.sample("messi5.jpg");
        BufferedImage frame = new BufferedImage(1920, 1080, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = frame.createGraphics();
        g.setColor(new Color(100, 100, 100));
        g.fillRect(0, 0, 1920, 1080);
        g.drawImage(messi, 700, 300, messi.getWidth() * 2, messi.getHeight() * 2, null);
        g.dispose();
        try (ModelHandler h = io.visionstream.serving.ModelHandlers.open(tiled,
                io.visionstream.runtime.SlotContext.defaults())) {
            Inference inf = Handlers.run(h, frame, tiled.defaultProfile());
            assertTrue(inf.runs() > 1, "tiles: " + inf.runs());
            TaskResult.Segments r = (TaskResult.Segments) inf.result();
            assertEquals(1920, r.mask().width());
            Person player = r.people().stream().max((a, b) -> Float.compare(
                    (a.box()[2] - a.box()[0]) * (a.box()[3] - a.box()[1]),
                    (b.box()[2] - b.box()[0]) * (b.box()[3] - b.box()[1]))).orElseThrow();
            // alone, the player's nose is at about (248, 112) of messi5.jpg: here (700 + 2x, 300 + 2y)
            Person.Keypoint nose = player.keypoints().get(0);
            assertTrue(nose.score() > 0.3f, nose.toString());
            assertTrue(Math.abs(nose.x() - (700 + 2 * 248)) < 30 && Math.abs(nose.y() - (300 + 2 * 112)) < 30,
                    nose.toString());
            assertTrue(player.parts().keySet().stream().anyMatch(n -> n.startsWith("torso")), player.parts().toString());
            for (Person p : r.people()) {
                assertTrue(p.box()[0] >= 690 && p.box()[1] >= 290, "nobody on the grey: " + java.util.Arrays.toString(p.box()));
            }
        }
    }
}
