package io.visionstream.model;

/** A model whose outputs do not match what its registry family decodes; raised when its session opens. */
public class ModelShapeException extends RegistryException {
    public ModelShapeException(String model, String expected, String actual) {
        super("model '" + model + "': outputs do not match its family; expected " + expected + ", actual " + actual);
    }
}
