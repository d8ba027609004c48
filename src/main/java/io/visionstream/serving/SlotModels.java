package io.visionstream.serving;

import io.visionstream.model.ModelHandler;
import io.visionstream.model.ModelSpec;
import io.visionstream.model.cascade.CascadeHandler;
import io.visionstream.model.cascade.CascadeSettings;
import io.visionstream.runtime.SlotContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The served models of one slot: every handler opened (so a broken model fails the slot at start-up, not a
 * record later) and fitted into the slot's memory budget together, closed together. The client opens one set
 * before submitting the job to check the models; each inference slot opens its own.
 */
public final class SlotModels implements AutoCloseable {
    private final Map<String, ModelHandler> handlers;
    private final SlotMemory memory;

    private SlotModels(Map<String, ModelHandler> handlers, SlotMemory memory) {
        this.handlers = handlers;
        this.memory = memory;
    }

    public static SlotModels open(ServedModels served, SlotContext slot) throws Exception {
        Map<String, ModelHandler> handlers = new LinkedHashMap<>();
        try {
            for (String name : served.names()) {
                if (!CascadeSettings.isCascade(served.get(name))) {
                    handlers.put(name, ModelHandlers.open(served.get(name), slot));
                }
            }
            // Cascades own no session: they run two of the models above, which the budget already holds.
            SlotMemory memory = SlotMemory.fit(handlers, slot);
            for (String name : served.names()) {
                ModelSpec spec = served.get(name);
                if (CascadeSettings.isCascade(spec)) {
                    CascadeSettings c = CascadeSettings.of(spec);
                    handlers.put(name, new CascadeHandler(spec, handlers.get(c.first()), handlers.get(c.then())));
                }
            }
            return new SlotModels(handlers, memory);
        } catch (Exception e) {
            closeAll(handlers);
            throw e;
        }
    }

    /** The handler of a served model; null for a model this job does not serve. */
    public ModelHandler get(String model) {
        return handlers.get(model);
    }

    public Set<String> names() {
        return handlers.keySet();
    }

    public SlotMemory memory() {
        return memory;
    }

    @Override
    public void close() throws Exception {
        closeAll(handlers);
    }

    private static void closeAll(Map<String, ModelHandler> handlers) throws Exception {
        Exception first = null;
        for (ModelHandler h : handlers.values()) {
            try {
                h.close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        handlers.clear();
        if (first != null) {
            throw first;
        }
    }
}
