package io.visionstream.it;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The pipeline tests' set-up, registered as {@code @RegisterExtension static final PipelineFixture PIPELINE}: one
 * broker and one MiniCluster (one TaskManager, {@code slots} slots) for the class, and a {@link Pipeline} run per
 * test: its own topics, the job cancelled and the clients closed after the test, passed or failed. Parameters
 * such as {@code @InjectMiniCluster MiniCluster} are resolved as {@link MiniClusterExtension} resolves them.
 */
public final class PipelineFixture extends Pipeline
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {
    private final MiniClusterExtension flink;

    /** A plaintext broker and two slots. */
    public PipelineFixture() {
        this(2, Broker.PLAINTEXT);
    }

    /** {@code slots} is also the job's default parallelism. */
    public PipelineFixture(int slots, Broker broker) {
        super(slots, broker);
        flink = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(slots).build());
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        flink.beforeAll(context);
        open();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        flink.beforeEach(context);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            endRun();
        } finally {
            flink.afterEach(context);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            close();
        } finally {
            flink.afterAll(context);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context)
            throws ParameterResolutionException {
        return flink.supportsParameter(parameter, context);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
            throws ParameterResolutionException {
        return flink.resolveParameter(parameter, context);
    }
}
