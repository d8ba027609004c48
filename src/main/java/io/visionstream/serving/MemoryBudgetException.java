package io.visionstream.serving;

/** A slot whose models cannot fit its memory budget; the message says what would. */
public class MemoryBudgetException extends IllegalStateException {
    public MemoryBudgetException(String message) {
        super(message);
    }
}
