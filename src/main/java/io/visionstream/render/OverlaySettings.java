package io.visionstream.render;

import java.io.Serializable;

/** What the render step needs of the configuration: overlay size, format and sampling, the largest record. */
public record OverlaySettings(int maxSide, OverlayRenderer.Format format, OverlaySampling sampling,
                              int maxRecordBytes) implements Serializable { }
