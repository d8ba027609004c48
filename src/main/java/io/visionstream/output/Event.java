package io.visionstream.output;

import io.visionstream.zones.ZoneEvent;

/** A line crossed or a zone entered or left by a track, on the frame {@code origin} names. */
public record Event(Origin origin, ZoneEvent event) implements Output { }
