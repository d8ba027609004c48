package io.visionstream.bench.tracking;

import io.visionstream.zones.LineSpec;
import io.visionstream.zones.StreamZones;
import io.visionstream.zones.ZoneSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The generated sequences, each with exact ground truth (fixed seeds, so every run is the same). 640x480 so
 * that the stretch to the detector's 416x416 keeps people recognisable (at 640x360 their scores drop under
 * the new-track threshold); the dense one is 1280x960, detected in 640-pixel tiles at the same scale.
 * {@code crops}: {@link ObjectCrops#find}'s list, a tall person (0) and a wide one (1).
 */
public final class TrackingSequences {
    public static final List<String> NAMES = List.of("belt", "crossing", "reentry", "fast", "dense");

    private TrackingSequences() {
    }

    public static Scene named(String name, List<Sprite> crops) {
        return switch (name) {
            case "belt" -> belt(crops);
            case "crossing" -> crossing(crops);
            case "reentry" -> reentry(crops);
            case "fast" -> fast(crops);
            case "dense" -> dense(crops);
            default -> throw new IllegalArgumentException("no sequence '" + name + "' (" + NAMES + ")");
        };
    }

    /** Three people on three lanes, two one way and one the other, through a gate line; one passes a zone. */
    static Scene belt(List<Sprite> crops) {
        Sprite tall = crops.get(0).scaled(150, false);
        Sprite back = crops.get(0).scaled(150, true);
        List<Mover> m = List.of(
                new Mover(1, tall, new double[][] {{0, 40, 100}, {69, 385, 100}}),
                new Mover(2, back, new double[][] {{0, 630, 240}, {69, 180, 240}}),
                new Mover(3, tall, new double[][] {{8, 30, 380}, {69, 420, 380}}));
        StreamZones z = new StreamZones(List.of(line("gate", 320, 10, 320, 470)),
                List.of(zone("dock", 420, 170, 600, 170, 600, 310, 420, 310)));
        return new Scene("belt", 640, 480, 70, Set.of(30), Set.of(45), m, z, 11);
    }

    /**
     * Two people walk into each other on one lane and one passes in front of the other (occlusion), one of them
     * crossing the gate before and the other after; a third crosses a zone above the gate's end, which must not
     * count as crossing the gate. The zone's lower edge lies 29 px below the path of the third one's ball: at 4 px
     * (its first place, y 150) the ball ran inside the counter's hysteresis band and a pixel of detector jitter
     * decided whether it entered.
     */
    static Scene crossing(List<Sprite> crops) {
        List<Mover> m = List.of(
                new Mover(1, crops.get(0).scaled(160, false), new double[][] {{0, 40, 250}, {79, 475, 250}}),
                new Mover(2, crops.get(1).scaled(150, false), new double[][] {{0, 100, 95}, {79, 574, 95}}),
                new Mover(3, crops.get(0).scaled(160, true), new double[][] {{0, 600, 262}, {60, 48, 262}}));
        StreamZones z = new StreamZones(List.of(line("gate", 430, 180, 430, 470)),
                List.of(zone("plaza", 250, 40, 420, 40, 450, 175, 230, 175)));
        return new Scene("crossing", 640, 480, 80, Set.of(50), Set.of(60), m, z, 12);
    }

    /**
     * One person walks out of the image on the right, stays out for about 20 frames and comes back the other
     * way, crossing the gate both ways; another walks into a zone, stands there and walks out again.
     */
    static Scene reentry(List<Sprite> crops) {
        List<Mover> m = List.of(
                new Mover(1, crops.get(0).scaled(160, false),
                        new double[][] {{0, 300, 150}, {40, 700, 150}, {55, 690, 150}, {99, 250, 150}}),
                new Mover(2, crops.get(0).scaled(160, true),
                        new double[][] {{5, 60, 360}, {35, 360, 360}, {60, 360, 360}, {99, 40, 360}}));
        StreamZones z = new StreamZones(List.of(line("gate", 480, 20, 480, 300)),
                List.of(zone("waiting", 250, 280, 470, 280, 470, 440, 250, 440)));
        return new Scene("reentry", 640, 480, 100, Set.of(25), Set.of(65, 80), m, z, 13);
    }

    /**
     * Fast movers: 12 px a frame (a third of the person's width), the wide player at 28, and a person at 20 px a
     * frame, fast enough that consecutive boxes overlap by IoU 0.3 only: the speed where IoU trackers start to fail.
     */
    static Scene fast(List<Sprite> crops) {
        List<Mover> m = List.of(
                new Mover(1, crops.get(0).scaled(160, false), new double[][] {{0, 30, 110}, {50, 630, 110}}),
                new Mover(2, crops.get(1).scaled(150, true), new double[][] {{0, 620, 250}, {20, 60, 250}}),
                new Mover(3, crops.get(0).scaled(160, false), new double[][] {{0, 20, 400}, {30, 620, 400}}));
        StreamZones z = new StreamZones(List.of(line("gate", 320, 20, 320, 460)), List.of());
        return new Scene("fast", 640, 480, 60, Set.of(20), Set.of(), m, z, 14);
    }

    /** 50 people on a 10x5 grid, each drifting 1-3 px a frame in its own direction: the tracker's cost at scale. */
    static Scene dense(List<Sprite> crops) {
        Random r = new Random(15);
        Sprite tall = crops.get(0).scaled(150, false);
        Sprite back = crops.get(0).scaled(150, true);
        List<Mover> m = new ArrayList<>();
        int frames = 40;
        for (int row = 0; row < 5; row++) {
            for (int col = 0; col < 10; col++) {
                double cx = 64 + 128 * col;
                double cy = 96 + 192 * row;
                double a = r.nextDouble() * 2 * Math.PI;
                double v = 1 + 2 * r.nextDouble();
                double dx = Math.cos(a) * v * (frames - 1);
                double dy = Math.sin(a) * v * (frames - 1);
                m.add(new Mover(m.size() + 1, dx < 0 ? back : tall,
                        new double[][] {{0, cx, cy}, {frames - 1, cx + dx, cy + dy}}));
            }
        }
        StreamZones z = new StreamZones(List.of(line("middle", 0, 384, 1280, 384)),
                List.of(zone("block", 500, 500, 780, 500, 780, 760, 500, 760)));
        return new Scene("dense", 1280, 960, frames, Set.of(), Set.of(), m, z, 16);
    }

    /**
     * A random scene (seeded, so the same every run): 2–5 people on straight paths across a 640x480 image, a
     * quarter of them fast (15–35 px a frame), starting and ending in or out of the image, crossing each other;
     * one frame in 20 dropped and one in 25 corrupt; a vertical gate line and a zone. Not hand-made like the
     * named sequences: the bench runs a batch of them to compare the trackers on scenes nobody tuned them on. The
     * truth counts the paths without hysteresis and also outside the image, so some counts no tracker can get.
     */
    public static Scene random(long seed, List<Sprite> crops) {
        Random r = new Random(seed);
        int frames = 60;
        List<Mover> movers = new ArrayList<>();
        int count = 2 + r.nextInt(4);
        for (int i = 0; i < count; i++) {
            Sprite s = crops.get(0).scaled(130 + r.nextInt(40), r.nextBoolean());
            double speed = r.nextInt(4) == 0 ? 15 + r.nextDouble() * 20 : 2 + r.nextDouble() * 10;
            double y = 90 + r.nextDouble() * 300;
            boolean right = r.nextBoolean();
            double x0 = right ? -30 + r.nextDouble() * 200 : 670 - r.nextDouble() * 200;
            int start = r.nextInt(15);
            int end = Math.min(frames - 1, start + 20 + r.nextInt(40));
            double x1 = x0 + (right ? 1 : -1) * speed * (end - start);
            double y1 = y + (r.nextDouble() - 0.5) * 2 * (end - start);
            movers.add(new Mover(i + 1, s, new double[][] {{start, x0, y}, {end, x1, y1}}));
        }
        Set<Integer> dropped = new java.util.HashSet<>();
        Set<Integer> corrupt = new java.util.HashSet<>();
        for (int f = 5; f < frames; f++) {
            if (r.nextInt(20) == 0) {
                dropped.add(f);
            } else if (r.nextInt(25) == 0) {
                corrupt.add(f);
            }
        }
        float lx = 200 + r.nextInt(240);
        StreamZones z = new StreamZones(List.of(line("gate", lx, 10, lx, 470)),
                List.of(zone("zone", 100, 100, 300, 100, 300, 380, 100, 380)));
        return new Scene("random-" + seed, 640, 480, frames, dropped, corrupt, movers, z, seed);
    }

    private static LineSpec line(String name, float x1, float y1, float x2, float y2) {
        return new LineSpec(name, x1, y1, x2, y2, null);
    }

    private static ZoneSpec zone(String name, float... xy) {
        float[] xs = new float[xy.length / 2];
        float[] ys = new float[xy.length / 2];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = xy[2 * i];
            ys[i] = xy[2 * i + 1];
        }
        return new ZoneSpec(name, xs, ys, null);
    }
}
