package io.visionstream.model;

import ai.onnxruntime.OrtException;
import io.visionstream.runtime.ModelSession;

/** A handler with one session: what the handler reports about it and closing it with the handler. */
public abstract class SessionHandler implements ModelHandler {
    protected final ModelSpec spec;
    protected final ModelSession session;

    protected SessionHandler(ModelSpec spec, ModelSession session) {
        this.spec = spec;
        this.session = session;
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public long fallbacks() {
        return session.fallbacks();
    }

    @Override
    public String device() {
        return session.device();
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
