package io.visionstream.job;

import io.visionstream.io.ImageRecord;
import io.visionstream.io.ImageRecordDeserializer;
import io.visionstream.io.KafkaSettings;
import io.visionstream.io.ZoneUpdate;
import io.visionstream.io.ZoneUpdateDeserializer;
import io.visionstream.output.Output;
import io.visionstream.output.OutputSerializer;
import io.visionstream.runtime.SlotContext;
import io.visionstream.serving.ModelCost;
import io.visionstream.serving.ServedModels;
import io.visionstream.serving.SlotModels;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
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
 * The VisionStream job: images → guard → rebalance → inference → keyBy(stream) → per-stream step (frame order,
 * tracker, lines and zones, with topic zones as broadcast state) → one exactly-once Kafka sink that routes
 * results, masks/overlays, rejects and events to their topics. {@code main} is what {@code flink run} calls.
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
                .fromSource(source, new ArrivalTime(), "images")
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

        // Rejected frames go through the per-stream step too: to the tracker they are frames without detections.
        SingleOutputStreamOperator<Output> streams = results
                .union(guarded.getSideOutput(GuardFunction.REJECTS))
                .keyBy(Output::stream)
                .connect(zones(env, config).broadcast(StreamFunction.ZONES))
                .process(new StreamFunction(config.streamSettings(served)), OUTPUT)
                .name("streams")
                .uid("streams");

        DataStream<Output> all = streams.union(results.getSideOutput(InferenceOperator.PICTURES));

        all.sinkTo(sink(config)).name("kafka-out").uid("kafka-out");
    }

    /**
     * Topic zones, read from its start: the lines and zones per stream that change while the job runs. A pattern,
     * not a name, so that a missing topic is no error (it is picked up within a minute of being created).
     */
    private static DataStream<ZoneUpdate> zones(StreamExecutionEnvironment env, JobConfig config) {
        KafkaSourceBuilder<ZoneUpdate> b = KafkaSource.<ZoneUpdate>builder();
        config.kafka().consumerProperties().forEach((k, v) -> b.setProperty((String) k, (String) v));
        KafkaSource<ZoneUpdate> source = b
                .setBootstrapServers(config.bootstrap())
                .setTopicPattern(Pattern.compile(Pattern.quote(config.zonesTopic())))
                .setGroupId(config.groupId() + "-zones")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new ZoneUpdateDeserializer())
                .setProperty("isolation.level", "read_committed")
                .setProperty("partition.discovery.interval.ms", "60000")
                .build();
        return env.fromSource(source, ArrivalTime.never(), "zones").uid("zones-source").setParallelism(1);
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
