package io.visionstream.track;

import java.io.Serializable;

/**
 * The tracker's thresholds, ByteTrack's names in brackets: detections at or above {@code highScore}
 * [track_thresh] are matched first, those between {@code lowScore} and it second; a new track starts from an
 * unmatched detection at or above {@code newTrackScore} [det_thresh]. Matching needs IoU at least
 * {@code firstIou} (1 − match_thresh), {@code secondIou} and {@code unconfirmedIou} in the three association
 * steps. A track is confirmed after {@code minHits} matched frames and dropped after {@code maxLost} frames
 * without a match [track_buffer]. {@code maxTracks} bounds live plus lost tracks per stream,
 * {@code maxDetections} the detections one frame feeds the tracker (the highest scores are kept).
 * {@code maxJump}: how far, in sizes of its box, a track seen on one frame only may have moved by the next and
 * still be matched when IoU finds nothing (0: never; see {@link ByteTracker}). {@code maxCovered}: the largest share
 * of an unmatched detection's box that may lie inside a more confident box of its label, tracked on the same frame
 * or predicted for a lost track, for it to start a track (1: any; see {@link ByteTracker}).
 */
public record TrackerSettings(float highScore, float lowScore, float newTrackScore, float firstIou, float secondIou,
                              float unconfirmedIou, int minHits, int maxLost, int maxTracks, int maxDetections,
                              float maxJump, float maxCovered)
        implements Serializable {

    /**
     * Ultralytics' bytetrack.yaml thresholds (track_high_thresh 0.25, track_low_thresh 0.1, new_track_thresh
     * 0.25) with ByteTrack's match_thresh 0.8 and track_buffer 30. ByteTrack's own 0.5 / 0.6 suit YOLOX's scores;
     * NanoDet scores a clearly visible person 0.4–0.5, and at 0.6 it would never start a track.
     */
    public static TrackerSettings defaults() {
        return new TrackerSettings(0.25f, 0.1f, 0.25f, 0.2f, 0.5f, 0.3f, 2, 30, 256, 300, 3f, 0.5f);
    }

    /** These settings with ByteTrack's own association only (no matching by distance, stage 4). */
    public TrackerSettings withoutJumps() {
        return new TrackerSettings(highScore, lowScore, newTrackScore, firstIou, secondIou, unconfirmedIou, minHits,
                maxLost, maxTracks, maxDetections, 0f, maxCovered);
    }

    /** These settings with ByteTrack's own births: every unmatched confident detection starts a track. */
    public TrackerSettings withAnyBirth() {
        return new TrackerSettings(highScore, lowScore, newTrackScore, firstIou, secondIou, unconfirmedIou, minHits,
                maxLost, maxTracks, maxDetections, maxJump, 1f);
    }
}
