package io.visionstream.track;

/**
 * One tracked object of a stream, as checkpointed: a Flink POJO. {@code id} is 0 until the track is
 * confirmed; ids count 1, 2, 3... per stream in the order tracks are confirmed.
 */
public class Track {
    public int id;
    /** A number for the track from its first frame on, confirmed or not (the tracker's own bookkeeping). */
    public long key;
    public int classId;
    public String label;
    public float score;
    public int hits;
    /** Frames since the last match; 0 when matched on the latest frame. */
    public int lost;
    /** The frame this track started on (the tracker's frame count, not the stream's frame number). */
    public long firstFrame;
    /** The last frame this track was matched on (the tracker's frame count). */
    public long lastFrame;
    /**
     * Set on a track started on this frame: the key of a track seen once on the previous frame that it may be
     * the same object as, moved by (jumpX, jumpY) (0: none; see ByteTracker's stage 4).
     */
    public long from;
    public double jumpX;
    public double jumpY;
    /**
     * The tallest its box has been of late (each matched frame forgets a tenth): a box shrunk by occlusion is
     * still matched by distance to the whole box when it comes back (ByteTracker's stage 4).
     */
    public double tall;
    public double[] mean = new double[8];
    public double[] cov = new double[64];

    public Track() {
    }

    public boolean confirmed() {
        return id > 0;
    }

    /** The predicted box, corners x1, y1, x2, y2. */
    public float[] box() {
        double w = mean[2] * mean[3];
        double h = mean[3];
        return new float[] {(float) (mean[0] - w / 2), (float) (mean[1] - h / 2),
                (float) (mean[0] + w / 2), (float) (mean[1] + h / 2)};
    }
}
