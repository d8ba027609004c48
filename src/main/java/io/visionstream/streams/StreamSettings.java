package io.visionstream.streams;

import io.visionstream.track.TrackerSettings;
import io.visionstream.zones.ZonesConfig;
import io.visionstream.render.OverlaySettings;
import java.io.Serializable;
import java.util.Set;

/**
 * What the per-stream step needs, resolved on the client and shipped with the job: whether and how to track
 * (and which models' results are tracked), the reorder buffer's grace and bound, the idle rules, and the
 * zones file that seeds each stream's lines and zones, and how the tracked results' overlays are drawn.
 */
public record StreamSettings(boolean tracking, Set<String> trackedModels, TrackerSettings tracker, long graceMs,
                             int maxPending, long idleTtlMs, long countsTtlMs, double hysteresisPx,
                             ZonesConfig zonesFile, OverlaySettings overlays) implements Serializable {

    /** Whether frames of this model go through the reorder buffer and the tracker. */
    public boolean tracks(String model) {
        return tracking && trackedModels.contains(model);
    }
}
