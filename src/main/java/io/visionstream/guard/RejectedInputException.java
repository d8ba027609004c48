package io.visionstream.guard;

/** An input that cannot be processed; becomes a reject record, never a job failure. */
public class RejectedInputException extends Exception {
    private final RejectReason reason;

    public RejectedInputException(RejectReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public RejectedInputException(RejectReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}
