package io.visionstream.reject;

/**
 * An input that cannot be processed; becomes a reject record, never a job failure. Its message is bounded
 * ({@link Echo}): it may quote the input.
 */
public class RejectedInputException extends Exception {
    private final RejectReason reason;

    public RejectedInputException(RejectReason reason, String message) {
        super(Echo.message(message));
        this.reason = reason;
    }

    public RejectedInputException(RejectReason reason, String message, Throwable cause) {
        super(Echo.message(message), cause);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}
