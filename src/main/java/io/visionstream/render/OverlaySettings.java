package io.visionstream.render;

import java.io.Serializable;
import java.util.Set;

/**
 * What the render step needs of the configuration: overlay size, format and sampling, the largest record, and the
 * models whose overlays are drawn after tracking ({@code drawnAfterTracking}: the slot only scales and encodes
 * their frames).
 */
public record OverlaySettings(int maxSide, OverlayRenderer.Format format, OverlaySampling sampling,
                              int maxRecordBytes, Set<String> drawnAfterTracking) implements Serializable {
    public OverlaySettings {
        drawnAfterTracking = Set.copyOf(drawnAfterTracking);
    }
}
