package io.visionstream.zones;

/** A zones file or a zones-topic entry that cannot be used, with a message that says where and why. */
public class ZonesException extends Exception {
    public ZonesException(String message) {
        super(message);
    }
}
