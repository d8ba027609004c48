package io.visionstream.model;

/** A registry that cannot be used; the message names the file, the entry and the field. */
public class RegistryException extends RuntimeException {
    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
