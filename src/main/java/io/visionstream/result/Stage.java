package io.visionstream.result;

/**
 * What a cascade's second model made of one detection: its result on the detection's crop (in original-image
 * coordinates), or why it was not run (over maxCrops) or failed (a crop too small, a rejected crop).
 *
 * @param model  the second model
 * @param status {@link Status#OK} with a result, else no result and a message
 * @param reused an OK result read on an earlier frame of the same object and moved with its box (cascade
 *               {@code readOnce}), not run on this frame
 */
public record Stage(String model, Status status, TaskResult result, String message, boolean reused) {

    public Stage(String model, Status status, TaskResult result, String message) {
        this(model, status, result, message, false);
    }

    public enum Status {
        OK("ok"), NOT_RUN("notRun"), FAILED("failed");

        private final String wireName;

        Status(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public static Stage ok(String model, TaskResult result) {
        return new Stage(model, Status.OK, result, null);
    }

    /** An earlier frame's read of the same object, moved to its box on this frame. */
    public static Stage reused(String model, TaskResult result) {
        return new Stage(model, Status.OK, result, null, true);
    }

    public static Stage notRun(String model, String why) {
        return new Stage(model, Status.NOT_RUN, null, why);
    }

    public static Stage failed(String model, String why) {
        return new Stage(model, Status.FAILED, null, why);
    }
}
