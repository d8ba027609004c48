package io.visionstream.reject;

/** Why an input produced a reject record instead of a result (the {@code reason} field on topic rejects). */
public enum RejectReason {
    EMPTY,
    TOO_LARGE_BYTES,
    TOO_MANY_PIXELS,
    UNSUPPORTED_FORMAT,
    CORRUPT_IMAGE,
    UNKNOWN_MODEL,
    /** The record's {@code profile} header names an input-size profile its model does not have. */
    UNKNOWN_PROFILE,
    INFERENCE_FAILED,
    /** A record of topic zones that is not a valid lines-and-zones entry; the stream's previous entry stays. */
    INVALID_ZONES
}
