package io.visionstream.model;

/** A model whose outputs do not match what its registry family decodes; raised when its session opens. */
public class ModelShapeException extends RegistryException {
    public ModelShapeException(String model, String expected, String actual) {
        super("model '" + model + "': outputs do not match its family; expected " + expected + ", actual " + actual);
    }

    /** "name[1, 2, 3], name2[...]" for a message. */
    public static String describe(java.util.Map<String, long[]> shapes) {
        StringBuilder sb = new StringBuilder();
        shapes.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(java.util.Arrays.toString(v)));
        return sb.toString();
    }
}
