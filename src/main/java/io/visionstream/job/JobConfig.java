package io.visionstream.job;

import io.visionstream.config.BatchOptions;
import io.visionstream.config.ConfigArgs;
import io.visionstream.config.ConfigFiles;
import io.visionstream.config.ConfigValues;
import io.visionstream.config.GuardOptions;
import io.visionstream.config.JobOptions;
import io.visionstream.config.KafkaOptions;
import io.visionstream.config.MemoryOptions;
import io.visionstream.config.ModelOptions;
import io.visionstream.config.OnnxRuntimeOptions;
import io.visionstream.config.OutputOptions;
import io.visionstream.config.OverlayOptions;
import io.visionstream.config.SinkOptions;
import io.visionstream.config.SourceOptions;
import io.visionstream.config.TileOptions;
import io.visionstream.config.StreamOptions;
import io.visionstream.config.TopicOptions;
import io.visionstream.guard.GuardLimits;
import io.visionstream.io.KafkaSettings;
import io.visionstream.output.Topics;
import io.visionstream.render.OverlayRenderer;
import io.visionstream.render.OverlaySampling;
import io.visionstream.render.OverlaySettings;
import io.visionstream.runtime.RuntimeOptions;
import io.visionstream.serving.ServedModels;
import io.visionstream.result.Task;
import io.visionstream.streams.StreamSettings;
import io.visionstream.track.TrackerSettings;
import io.visionstream.zones.ZonesConfig;
import io.visionstream.zones.ZonesException;
import io.visionstream.zones.ZonesFile;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's configuration, immutable once built: the typed options of {@code io.visionstream.config} (one class
 * per area, each option with its default, description and rule), resolved from, lowest first, the defaults, the
 * job's keys in Flink's config.yaml (FLINK_CONF_DIR), a YAML file ({@code --config FILE}) and flags
 * ({@code --KEY VALUE}). The getters build the objects the job's parts take.
 */
public final class JobConfig implements Serializable {
    private static final long serialVersionUID = 2L;
    private static final Logger LOG = LoggerFactory.getLogger(JobConfig.class);

    /** Client properties passed to every Kafka client as they are: {@code kafka.properties.security.protocol} etc. */
    public static final String KAFKA_PROPERTIES = KafkaOptions.PROPERTIES_PREFIX;

    /** Kafka brokers' default transaction.max.timeout.ms; a longer sink transaction makes the job restart-loop. */
    public static final long BROKER_MAX_TRANSACTION_TIMEOUT_MS = SinkOptions.BROKER_MAX_TRANSACTION_TIMEOUT_MS;

    private final ConfigValues values;

    private JobConfig(ConfigValues values) {
        this.values = values;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses {@code --config FILE}, {@code --KEY VALUE} (also {@code --KEY=VALUE}, {@code --bootstrap} for
     * kafka.bootstrap and {@code --kafka.properties.NAME VALUE}) the way {@code visionstream run} does, over the
     * job's keys in FLINK_CONF_DIR's config.yaml where that is set.
     */
    public static JobConfig fromArgs(List<String> args) {
        return from(ConfigArgs.parse(args));
    }

    /** A parsed command line over the job's keys in FLINK_CONF_DIR's config.yaml: the file, then the flags. */
    public static JobConfig from(ConfigArgs.Parsed parsed) {
        Builder b = builder().flinkConfiguration(flinkConfiguration());
        if (parsed.file() != null) {
            b.file(parsed.file());
        }
        parsed.values().forEach(b::set);
        return b.build();
    }

    /** The Flink configuration the client sees (FLINK_CONF_DIR), else an empty one. */
    static Configuration flinkConfiguration() {
        String dir = System.getenv("FLINK_CONF_DIR");
        if (dir == null) {
            return new Configuration();
        }
        try {
            return GlobalConfiguration.loadConfiguration(dir);
        } catch (RuntimeException e) {
            LOG.warn("cannot read the Flink configuration in {}: {}", dir, e.getMessage());
            return new Configuration();
        }
    }

    /** One typed option. */
    public <T> T get(ConfigOption<T> option) {
        return values.get(option);
    }

    /** A value as a config file would write it ({@code kafka.properties.*} included); null for an unknown key. */
    public String get(String key) {
        return values.raw(key);
    }

    public String bootstrap() {
        return get(KafkaOptions.BOOTSTRAP);
    }

    /**
     * Brokers, passed-through client properties (security) and the largest image record: one value,
     * kafka.max-record-bytes, sizes the consumer's fetches, the producers' requests and the guard's byte limit.
     */
    public KafkaSettings kafka() {
        return new KafkaSettings(bootstrap(), values.kafkaProperties(), get(KafkaOptions.MAX_RECORD_BYTES));
    }

    public String groupId() {
        return get(KafkaOptions.GROUP_ID);
    }

    public String imagesTopic() {
        return get(TopicOptions.IMAGES);
    }

    public String detectionsTopic() {
        return get(TopicOptions.DETECTIONS);
    }

    public String masksTopic() {
        return get(TopicOptions.MASKS);
    }

    public String rejectsTopic() {
        return get(TopicOptions.REJECTS);
    }

    public String eventsTopic() {
        return get(TopicOptions.EVENTS);
    }

    public String zonesTopic() {
        return get(TopicOptions.ZONES);
    }

    /** committed, earliest or latest. */
    public String startingOffsets() {
        return get(SourceOptions.STARTING_OFFSETS).toString();
    }

    public String registry() {
        return get(ModelOptions.REGISTRY);
    }

    /** The model for records without a model header; empty means the registry's default. */
    public String defaultModel() {
        return get(ModelOptions.DEFAULT_MODEL);
    }

    /** Registry names this job serves; empty means all. Others are rejected as UNKNOWN_MODEL. */
    public List<String> enabledModels() {
        return ModelOptions.enabled(get(ModelOptions.ENABLED));
    }

    /**
     * Input-size profile per stream ({@code STREAM=PROFILE,...}), for records without a {@code profile} header:
     * a document scanner's stream can say id_card once instead of in every record.
     */
    public Map<String, String> streamProfiles() {
        return ModelOptions.streamProfiles(get(ModelOptions.STREAM_PROFILES));
    }

    /** guard.max-bytes 0 (the default) means kafka.max-record-bytes: the largest image the topics carry. */
    public GuardLimits guardLimits() {
        return new GuardLimits(GuardOptions.maxBytes(values), get(GuardOptions.MAX_PIXELS));
    }

    public boolean overlays() {
        return get(OverlayOptions.ENABLED);
    }

    public int overlayMaxSide() {
        return get(OverlayOptions.MAX_SIDE);
    }

    public OverlayRenderer.Format overlayFormat() {
        return OverlayRenderer.Format.valueOf(get(OverlayOptions.FORMAT).name());
    }

    /** Which results get an overlay: every n-th frame of a stream, and with overlay.when=detections only those that found something. */
    public OverlaySampling overlaySampling() {
        return new OverlaySampling(overlays(), get(OverlayOptions.EVERY_N),
                get(OverlayOptions.WHEN) == OverlayOptions.When.DETECTIONS);
    }

    public int maxOutputRecordBytes() {
        return get(OutputOptions.MAX_RECORD_BYTES);
    }

    public long checkpointIntervalMs() {
        return get(JobOptions.CHECKPOINT_INTERVAL_MS);
    }

    public long transactionTimeoutMs() {
        return get(SinkOptions.TRANSACTION_TIMEOUT_MS);
    }

    public String transactionalIdPrefix() {
        return get(SinkOptions.TRANSACTIONAL_ID_PREFIX);
    }

    /** 0 means the environment's default. */
    public int parallelism() {
        return get(JobOptions.PARALLELISM);
    }

    public RuntimeOptions runtimeOptions() {
        RuntimeOptions.Device device = RuntimeOptions.Device.valueOf(get(OnnxRuntimeOptions.DEVICE).name());
        return new RuntimeOptions(device, get(OnnxRuntimeOptions.INTRA_OP_THREADS),
                get(OnnxRuntimeOptions.GPU_MEM_LIMIT_MB) << 20, get(OnnxRuntimeOptions.GPU_MAX_FAILURES),
                get(OnnxRuntimeOptions.GPU_COOLDOWN_S) * 1000);
    }

    /**
     * The native-memory budget of one slot. 0 (the default) derives it from the Flink configuration
     * (taskmanager.memory.task.off-heap.size / taskmanager.numberOfTaskSlots), else 1 GiB.
     */
    public long slotBudgetBytes() {
        long mb = get(MemoryOptions.SLOT_BUDGET_MB);
        return mb > 0 ? mb * 1024 * 1024 : SlotBudgets.derived();
    }

    /** The registry entries this job serves, resolved from the registry (on the client, once). */
    public ServedModels servedModels() {
        return ServedModels.resolve(registry(), enabledModels(), defaultModel());
    }

    public Topics topics() {
        return new Topics(detectionsTopic(), masksTopic(), rejectsTopic(), eventsTopic());
    }

    /**
     * What the inference operator is shipped: these settings and the resolved models, nothing else. The batch
     * pressure mark keeps its 0 ("derive it"): each TaskManager derives it from its own process size.
     */
    /** The per-stream step's settings; the zones file is read and checked here, on the client. */
    public StreamSettings streamSettings(ServedModels served) {
        Set<String> detectors = detectors(served);
        TrackerSettings fixed = TrackerSettings.defaults(); // the second and third association's IoU are not options
        TrackerSettings tracker = new TrackerSettings(get(StreamOptions.HIGH_SCORE).floatValue(),
                get(StreamOptions.LOW_SCORE).floatValue(), get(StreamOptions.NEW_TRACK_SCORE).floatValue(),
                get(StreamOptions.MATCH_IOU).floatValue(), fixed.secondIou(), fixed.unconfirmedIou(),
                get(StreamOptions.MIN_HITS),
                get(StreamOptions.MAX_LOST), get(StreamOptions.MAX_TRACKS), get(StreamOptions.MAX_DETECTIONS),
                get(StreamOptions.MAX_JUMP).floatValue(), get(StreamOptions.MAX_COVERED).floatValue());
        return new StreamSettings(get(StreamOptions.TRACKING), Set.copyOf(detectors), tracker,
                get(StreamOptions.REORDER_GRACE_MS), get(StreamOptions.REORDER_MAX_FRAMES),
                get(StreamOptions.IDLE_TTL).toMillis(), get(StreamOptions.COUNTS_TTL).toMillis(),
                get(StreamOptions.HYSTERESIS_PX), zonesFile(), overlaySettings(served));
    }

    /** The served detection models: their results are tracked when tracking is on. */
    private static Set<String> detectors(ServedModels served) {
        Set<String> detectors = new HashSet<>();
        if (served == null) {
            return detectors;
        }
        served.specs().forEach((name, spec) -> {
            if (spec.task() == Task.DETECT) {
                detectors.add(name);
            }
        });
        return detectors;
    }

    private OverlaySettings overlaySettings(ServedModels served) {
        return new OverlaySettings(overlayMaxSide(), overlayFormat(), overlaySampling(), maxOutputRecordBytes(),
                get(StreamOptions.TRACKING) ? detectors(served) : Set.of());
    }

    /** The zones file's contents, checked; {@link ZonesConfig#NONE} when there is none. */
    public ZonesConfig zonesFile() {
        String file = get(StreamOptions.ZONES_FILE);
        if (file.isBlank()) {
            return ZonesConfig.NONE;
        }
        try {
            return ZonesFile.parse(Files.readString(Path.of(file)));
        } catch (IOException e) {
            throw new IllegalArgumentException("zones.file: cannot read " + file + ": " + e.getMessage(), e);
        } catch (ZonesException e) {
            throw new IllegalArgumentException("zones.file " + file + ": " + e.getMessage(), e);
        }
    }

    public InferenceSettings inferenceSettings(ServedModels served) {
        BatchLimits batch = new BatchLimits(get(BatchOptions.MAX_ITEMS), get(BatchOptions.MAX_BYTES),
                get(BatchOptions.MAX_WAIT_MS), get(BatchOptions.PRESSURE_RSS_MB) << 20);
        return new InferenceSettings(served, runtimeOptions(), get(MemoryOptions.SLOT_BUDGET_MB) << 20,
                maxOutputRecordBytes(), batch,
                streamProfiles(), overlaySettings(served), get(TileOptions.MAX_RUNS));
    }

    /** Secrets among the passed-through Kafka properties are hidden: a config may be logged. */
    @Override
    public String toString() {
        return values.shown(KafkaSettings::secret).toString();
    }

    /** Collects values from Flink's configuration, files and flags (later calls win); {@link #build()} checks them. */
    public static final class Builder {
        private final Map<String, String> values = new LinkedHashMap<>();

        public Builder set(String key, Object value) {
            values.put(key, String.valueOf(value));
            return this;
        }

        /** The job's keys in a YAML file: nested maps or dotted keys. */
        public Builder file(Path file) {
            values.putAll(ConfigFiles.read(file));
            return this;
        }

        /** The job's keys in a Flink configuration (its other keys are Flink's and left alone). */
        public Builder flinkConfiguration(Configuration flink) {
            values.putAll(ConfigFiles.fromFlink(flink));
            return this;
        }

        public JobConfig build() {
            return new JobConfig(ConfigValues.resolve(values));
        }
    }
}
