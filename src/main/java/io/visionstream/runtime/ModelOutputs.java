package io.visionstream.runtime;

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

    /**
     * The outputs of a batch of {@code items} split into one set per item: views of the same buffers (no
     * copy), each shaped as a batch of one.
     */
    public List<ModelOutputs> splitBatch(int items) {
        List<ModelOutputs> out = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            out.add(new ModelOutputs());
        }
        for (Tensor t : byName.values()) {
            if (t.rank() == 0 || t.shape()[0] != items) {
                throw new IllegalStateException("output " + t + " has no batch of " + items + " in front");
            }
            long[] one = t.shape().clone();
            one[0] = 1;
            int per = t.data().limit() / items;
            for (int i = 0; i < items; i++) {
                out.get(i).add(t.name(), one, t.data().slice(i * per, per));
            }
        }
        return out;
    }
}
