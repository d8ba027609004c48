package io.visionstream.model;

import ai.onnxruntime.OrtException;
import io.visionstream.runtime.ModelSession;
import io.visionstream.runtime.ModelSource;
import io.visionstream.runtime.OrtModel;
import io.visionstream.runtime.SlotContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Opens a registry entry's session in a slot, with the outputs its {@code options.outputs} names. */
public final class Sessions {
    private Sessions() {
    }

    public static ModelSession open(ModelSpec spec, SlotContext slot) throws OrtException {
        return open(spec, spec.name(), spec.source(), slot);
    }

    /** A second model of the same entry (a text recogniser), named {@code name} in logs and errors. */
    public static ModelSession open(ModelSpec spec, String name, ModelSource source, SlotContext slot)
            throws OrtException {
        Set<String> fetch = new LinkedHashSet<>();
        if (spec.options().has("outputs") && name.equals(spec.name())) {
            fetch.addAll(List.of(spec.options().string("outputs", null).split("\\s*,\\s*")));
        }
        try {
            return new OrtModel(name, source, fetch).instance(slot.runtime(), slot.parallelism());
        } catch (ModelSession.UnknownOutputException e) {
            throw spec.options().fail("outputs", e.getMessage());
        }
    }
}
