package io.visionstream.ingest;

/** Why a camera's decoder session ended; every one is followed by a reconnect (live sources) after a backoff. */
public enum ConnectionDrop {
    /** The decoder could not open the source or lost it (connection refused, reset, end of stream). */
    LOST("lost"),
    /** No decoded frame within the stall timeout although the connection looked open. */
    STALL("stall"),
    /** The source changed its frame size mid-stream; a fresh decoder picks the new size up. */
    RESOLUTION("resolution");

    public final String label;

    ConnectionDrop(String label) {
        this.label = label;
    }
}
