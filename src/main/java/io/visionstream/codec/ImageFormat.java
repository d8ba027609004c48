package io.visionstream.codec;

/** Encoded image formats VisionStream accepts, told apart by their magic bytes. */
public enum ImageFormat {
    JPEG, PNG, BMP, GIF
}
