package io.visionstream.model;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A model's float outputs, copied off the native result, by output name in the model's order. */
public final class ModelOutputs {
    /** One output tensor; data is row-major over shape. */
    public record Tensor(String name, long[] shape, FloatBuffer data) {
        public int dim(int i) {
            return (int) shape[i];
        }

        public int rank() {
            return shape.length;
        }

        @Override
        public String toString() {
            return name + Arrays.toString(shape);
        }
    }

    private final Map<String, Tensor> byName = new LinkedHashMap<>();

    public void add(String name, long[] shape, FloatBuffer data) {
        byName.put(name, new Tensor(name, shape, data));
    }

    public Tensor get(String name) {
        return byName.get(name);
    }

    public List<Tensor> all() {
        return new ArrayList<>(byName.values());
    }

    public Tensor first() {
        return byName.values().iterator().next();
    }
}
