package io.visionstream.runtime;

import ai.onnxruntime.OrtEnvironment;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one ONNX Runtime environment of this JVM.
 *
 * <p>It is created on a helper thread with a 16 MiB stack: ONNX Runtime 1.29 reads the process command line
 * (telemetry) on the calling thread's stack while creating its environment, and with a long command line
 * (a MiniCluster started with a Maven class path is over 8 KB) it overflows a default 1 MiB Java thread stack
 * and the JVM dies with SIGSEGV, without an hs_err file. Once created, the environment is shared by all
 * threads.
 */
public final class OrtRuntime {
    private static final long INIT_STACK_BYTES = 16L * 1024 * 1024;
    private static volatile OrtEnvironment env;

    private OrtRuntime() {
    }

    public static OrtEnvironment environment() {
        OrtEnvironment e = env;
        if (e != null) {
            return e;
        }
        synchronized (OrtRuntime.class) {
            if (env == null) {
                env = createOnLargeStack();
            }
            return env;
        }
    }

    private static OrtEnvironment createOnLargeStack() {
        AtomicReference<Object> out = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                out.set(OrtEnvironment.getEnvironment());
            } catch (Throwable ex) {
                out.set(ex);
            }
        }, "onnxruntime-init", INIT_STACK_BYTES);
        t.start();
        try {
            t.join();
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the ONNX Runtime environment", ie);
        }
        if (out.get() instanceof OrtEnvironment created) {
            return created;
        }
        throw new IllegalStateException("cannot create the ONNX Runtime environment", (Throwable) out.get());
    }
}
