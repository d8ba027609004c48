package io.visionstream.job;

import io.visionstream.io.ImageRecord;
import io.visionstream.io.ImageRecordDeserializer;
import io.visionstream.io.KafkaSettings;
import io.visionstream.output.Output;
import io.visionstream.output.OutputSerializer;
import io.visionstream.runtime.SlotContext;
import io.visionstream.serving.ModelCost;
import io.visionstream.serving.ServedModels;
import io.visionstream.serving.SlotModels;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VisionStream job: images → guard → rebalance → inference → keyBy(stream) → per-stream sequence → one
 * exactly-once Kafka sink that routes results, masks/overlays and rejects to their topics. {@code main} is what {@code flink run} calls.
 */
public final class VisionStreamJob {
    private static final Logger LOG = LoggerFactory.getLogger(VisionStreamJob.class);
    private static final TypeInformation<Output> OUTPUT = TypeInformation.of(Output.class);

    private VisionStreamJob() {
    }

    /** {@code --KEY VALUE} for any key of the job, {@code --config FILE}, {@code --bootstrap H:P} (see README "Configuration"). */
    public static void main(String[] args) throws Exception {
        run(JobConfig.fromArgs(Arrays.asList(args)));
    }

    /** Checks the brokers and the models on the client, then submits the job and waits for it. */
    public static void run(JobConfig config) throws Exception {
        LOG.info("configuration: {}", config);
        DerivedValues.log(config);
        KafkaAccessCheck.check(config);
        ServedModels served = config.servedModels();
        checkModels(config, served);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        build(env, config, served, UnaryOperator.identity());
        env.execute("visionstream");
    }

    /**
     * Opens every served model once on the client, before submission: a bad registry entry or a model whose
     * outputs do not fit its family stops here with a clear message, instead of failing task slots in a loop.
     */
    public static void checkModels(JobConfig config) throws Exception {
        checkModels(config, config.servedModels());
    }

    private static void checkModels(JobConfig config, ServedModels served) throws Exception {
        new ProfileSelector(config.streamProfiles()).check(served);
        SlotContext slot = config.inferenceSettings(served).slot(1, SlotBudgets.derived());
        try (SlotModels models = SlotModels.open(served, slot)) {
            LOG.info("models {} checked and fit the slot budget of {}", models.names(), ModelCost.mb(slot.budgetBytes()));
        }
    }

    public static void build(StreamExecutionEnvironment env, JobConfig config) {
        build(env, config, config.servedModels(), UnaryOperator.identity());
    }

    /**
     * The job, with {@code tap} applied to the records between the source and the guard. Tests use it to fail
     * the job once mid-stream or to count restarts; the job itself taps nothing.
     */
    public static void build(StreamExecutionEnvironment env, JobConfig config,
                             UnaryOperator<DataStream<ImageRecord>> tap) {
        build(env, config, config.servedModels(), tap);
    }

    private static void build(StreamExecutionEnvironment env, JobConfig config, ServedModels served,
                              UnaryOperator<DataStream<ImageRecord>> tap) {
        env.enableCheckpointing(config.checkpointIntervalMs(), CheckpointingMode.EXACTLY_ONCE);
        if (config.parallelism() > 0) {
            env.setParallelism(config.parallelism());
        }

        KafkaSourceBuilder<ImageRecord> sourceBuilder = KafkaSource.<ImageRecord>builder();
        // security and fetch sizes first: what the source needs to be exactly-once is set after and wins
        config.kafka().consumerProperties().forEach((k, v) -> sourceBuilder.setProperty((String) k, (String) v));
        KafkaSource<ImageRecord> source = sourceBuilder
                .setBootstrapServers(config.bootstrap())
                .setTopics(config.imagesTopic())
                .setGroupId(config.groupId())
                .setStartingOffsets(startingOffsets(config))
                .setDeserializer(new ImageRecordDeserializer(served.defaultModel()))
                // Producers of images may be transactional; never process an aborted image.
                .setProperty("isolation.level", "read_committed")
                .build();

        SingleOutputStreamOperator<ImageRecord> guarded = tap.apply(env
                .fromSource(source, WatermarkStrategy.noWatermarks(), "images")
                .uid("images-source"))
                .process(new GuardFunction(config.guardLimits(), served.specs().keySet()))
                .name("guard")
                .uid("guard");

        // Round-robin, not keyed: the frames of one busy camera spread over every inference slot. Per-stream
        // state (streamSeq, counts) is kept by the keyed step after inference, which costs next to nothing.
        SingleOutputStreamOperator<Output> results = guarded
                .rebalance()
                .transform("inference", OUTPUT, new InferenceOperator(config.inferenceSettings(served)))
                .uid("inference");

        SingleOutputStreamOperator<Output> sequenced = results
                .keyBy(Output::stream)
                .process(new StreamSequencer(), OUTPUT)
                .name("streams")
                .uid("streams");

        DataStream<Output> all = sequenced.union(
                results.getSideOutput(InferenceOperator.PICTURES),
                guarded.getSideOutput(GuardFunction.REJECTS));

        all.sinkTo(sink(config)).name("kafka-out").uid("kafka-out");
    }

    private static OffsetsInitializer startingOffsets(JobConfig config) {
        return switch (config.startingOffsets()) {
            case "earliest" -> OffsetsInitializer.earliest();
            case "latest" -> OffsetsInitializer.latest();
            default -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        };
    }

    private static KafkaSink<Output> sink(JobConfig config) {
        KafkaSinkBuilder<Output> builder = KafkaSink.<Output>builder();
        config.kafka().producerProperties().forEach((k, v) -> builder.setProperty((String) k, (String) v));
        return builder
                .setBootstrapServers(config.bootstrap())
                .setRecordSerializer(new OutputSerializer(config.topics()))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(config.transactionalIdPrefix())
                .setProperty("transaction.timeout.ms", Long.toString(config.transactionTimeoutMs()))
                // room for the largest output record (results, overlays, masks) plus headers
                .setProperty("max.request.size", Integer.toString(Math.max(config.kafka().topicMaxMessageBytes(),
                        KafkaSettings.topicMaxMessageBytes(config.maxOutputRecordBytes()))))
                .build();
    }
}
