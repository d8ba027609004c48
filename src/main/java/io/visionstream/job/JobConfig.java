package io.visionstream.job;

import io.visionstream.guard.GuardLimits;
import io.visionstream.io.KafkaSettings;
import io.visionstream.model.ModelRegistry;
import io.visionstream.runtime.RuntimeOptions;
import io.visionstream.output.Topics;
import io.visionstream.render.OverlaySampling;
import io.visionstream.render.OverlaySettings;
import io.visionstream.runtime.SlotContext;
import io.visionstream.serving.ServedModels;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The job's configuration, immutable once built. Every key has a safe default; keys come from a YAML file
 * ({@code --config FILE}, nested maps or dotted keys) and command-line flags ({@code --KEY VALUE}), flags last.
 * See README "Configuration" for the list.
 */
public final class JobConfig implements Serializable {
    /** Client properties passed to every Kafka client as they are: {@code kafka.properties.security.protocol} etc. */
    public static final String KAFKA_PROPERTIES = "kafka.properties.";

    /** Kafka brokers' default transaction.max.timeout.ms; a longer sink transaction makes the job restart-loop. */
    public static final long BROKER_MAX_TRANSACTION_TIMEOUT_MS = 900_000L;

    static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("kafka.bootstrap", "localhost:9092");
        DEFAULTS.put("kafka.group-id", "visionstream");
        DEFAULTS.put("kafka.max-record-bytes", Integer.toString(KafkaSettings.DEFAULT_MAX_RECORD_BYTES));
        DEFAULTS.put("topics.images", "images");
        DEFAULTS.put("topics.detections", "detections");
        DEFAULTS.put("topics.masks", "masks");
        DEFAULTS.put("topics.rejects", "rejects");
        DEFAULTS.put("source.starting-offsets", "committed");
        DEFAULTS.put("registry", ModelRegistry.DEFAULT_LOCATION);
        DEFAULTS.put("model.default", "");
        DEFAULTS.put("models.enabled", "");
        DEFAULTS.put("profiles.streams", "");
        DEFAULTS.put("batch.max-items", "8");
        DEFAULTS.put("batch.max-bytes", Long.toString(64L << 20));
        DEFAULTS.put("batch.max-wait-ms", "20");
        DEFAULTS.put("batch.pressure-rss-mb", "0");
        DEFAULTS.put("guard.max-bytes", "0");
        DEFAULTS.put("guard.max-pixels", Long.toString(GuardLimits.DEFAULT_MAX_PIXELS));
        DEFAULTS.put("overlay.enabled", "true");
        DEFAULTS.put("overlay.max-side", "960");
        DEFAULTS.put("overlay.format", "jpeg");
        DEFAULTS.put("overlay.every-n", "1");
        DEFAULTS.put("overlay.when", "always");
        DEFAULTS.put("output.max-record-bytes", "1000000");
        DEFAULTS.put("checkpoint.interval-ms", "10000");
        DEFAULTS.put("sink.transaction-timeout-ms", "600000");
        DEFAULTS.put("sink.transactional-id-prefix", "visionstream");
        DEFAULTS.put("parallelism", "0");
        DEFAULTS.put("runtime.device", "auto");
        DEFAULTS.put("runtime.intra-op-threads", "0");
        DEFAULTS.put("memory.slot-budget-mb", "0");
        DEFAULTS.put("runtime.gpu-mem-limit-mb", "2048");
        DEFAULTS.put("runtime.gpu-max-failures", "3");
        DEFAULTS.put("runtime.gpu-cooldown-s", "60");
    }

    private final Map<String, String> values;

    private JobConfig(Map<String, String> values) {
        this.values = Map.copyOf(values);
        validate();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Parses {@code --config FILE} and {@code --KEY VALUE} pairs (also {@code --bootstrap} for kafka.bootstrap). */
    public static JobConfig fromArgs(List<String> args) {
        Builder b = builder();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--") || i + 1 >= args.size()) {
                throw new IllegalArgumentException("expected --KEY VALUE, got '" + a + "'");
            }
            String key = a.substring(2);
            String value = args.get(++i);
            if (key.equals("config")) {
                b.file(Path.of(value));
            } else {
                b.set(key.equals("bootstrap") ? "kafka.bootstrap" : key, value);
            }
        }
        return b.build();
    }

    public String get(String key) {
        return values.get(key);
    }

    public String bootstrap() {
        return get("kafka.bootstrap");
    }

    /**
     * Brokers, passed-through client properties (security) and the largest image record: one value,
     * kafka.max-record-bytes, sizes the consumer's fetches, the producers' requests and the guard's byte limit.
     */
    public KafkaSettings kafka() {
        Map<String, String> props = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(KAFKA_PROPERTIES)) {
                props.put(k.substring(KAFKA_PROPERTIES.length()), v);
            }
        });
        return new KafkaSettings(bootstrap(), props, (int) longValue("kafka.max-record-bytes"));
    }

    public String groupId() {
        return get("kafka.group-id");
    }

    public String imagesTopic() {
        return get("topics.images");
    }

    public String detectionsTopic() {
        return get("topics.detections");
    }

    public String masksTopic() {
        return get("topics.masks");
    }

    public String rejectsTopic() {
        return get("topics.rejects");
    }

    public String startingOffsets() {
        return get("source.starting-offsets");
    }

    public String registry() {
        return get("registry");
    }

    /** The model for records without a model header; empty means the registry's default. */
    public String defaultModel() {
        return get("model.default");
    }

    /** Registry names this job serves; empty means all. Others are rejected as UNKNOWN_MODEL. */
    public List<String> enabledModels() {
        String v = get("models.enabled").trim();
        return v.isEmpty() ? List.of() : List.of(v.split("\\s*,\\s*"));
    }

    /**
     * Input-size profile per stream ({@code STREAM=PROFILE,...}), for records without a {@code profile} header:
     * a document scanner's stream can say id_card once instead of in every record.
     */
    public Map<String, String> streamProfiles() {
        Map<String, String> out = new LinkedHashMap<>();
        String v = get("profiles.streams").trim();
        if (v.isEmpty()) {
            return out;
        }
        for (String pair : v.split("\\s*,\\s*")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException("profiles.streams must be STREAM=PROFILE[,STREAM=PROFILE...], got '"
                        + pair + "'");
            }
            out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return out;
    }

    /** guard.max-bytes 0 (the default) means kafka.max-record-bytes: the largest image the topics carry. */
    public GuardLimits guardLimits() {
        long bytes = longValue("guard.max-bytes");
        return new GuardLimits(bytes == 0 ? longValue("kafka.max-record-bytes") : bytes, longValue("guard.max-pixels"));
    }

    public boolean overlays() {
        return Boolean.parseBoolean(get("overlay.enabled"));
    }

    public int overlayMaxSide() {
        return (int) longValue("overlay.max-side");
    }

    public io.visionstream.render.OverlayRenderer.Format overlayFormat() {
        return io.visionstream.render.OverlayRenderer.Format.valueOf(get("overlay.format").trim().toUpperCase(Locale.ROOT));
    }

    /** Which results get an overlay: every n-th frame of a stream, and with overlay.when=detections only those that found something. */
    public OverlaySampling overlaySampling() {
        return new OverlaySampling(overlays(), longValue("overlay.every-n"),
                get("overlay.when").trim().equalsIgnoreCase("detections"));
    }

    public int maxOutputRecordBytes() {
        return (int) longValue("output.max-record-bytes");
    }

    public long checkpointIntervalMs() {
        return longValue("checkpoint.interval-ms");
    }

    public long transactionTimeoutMs() {
        return longValue("sink.transaction-timeout-ms");
    }

    public String transactionalIdPrefix() {
        return get("sink.transactional-id-prefix");
    }

    /** 0 means the environment's default. */
    public int parallelism() {
        return (int) longValue("parallelism");
    }

    public RuntimeOptions runtimeOptions() {
        RuntimeOptions.Device device = RuntimeOptions.Device.valueOf(get("runtime.device").toUpperCase(Locale.ROOT));
        return new RuntimeOptions(device, (int) longValue("runtime.intra-op-threads"),
                longValue("runtime.gpu-mem-limit-mb") << 20, (int) longValue("runtime.gpu-max-failures"),
                longValue("runtime.gpu-cooldown-s") * 1000);
    }

    /**
     * The native-memory budget of one slot. 0 (the default) derives it on the submitting client from the Flink
     * configuration (taskmanager.memory.task.off-heap.size / taskmanager.numberOfTaskSlots), else 1 GiB.
     */
    public long slotBudgetBytes() {
        long mb = longValue("memory.slot-budget-mb");
        return mb > 0 ? mb * 1024 * 1024 : SlotBudgets.derived();
    }

    /** Everything the handlers of one slot share. */
    public SlotContext slotContext(int parallelism) {
        return new SlotContext(runtimeOptions(), parallelism, slotBudgetBytes(), maxOutputRecordBytes(),
                (int) longValue("batch.max-items"));
    }

    /** The registry entries this job serves, resolved from the registry (on the client, once). */
    public ServedModels servedModels() {
        return ServedModels.resolve(registry(), enabledModels(), defaultModel());
    }

    public Topics topics() {
        return new Topics(detectionsTopic(), masksTopic(), rejectsTopic());
    }

    /** What the inference operator is shipped: these settings and the resolved models, nothing else. */
    public InferenceSettings inferenceSettings(ServedModels served) {
        return new InferenceSettings(served, runtimeOptions(), slotBudgetBytes(), maxOutputRecordBytes(),
                batchLimits(0), streamProfiles(), new OverlaySettings(overlayMaxSide(), overlayFormat(),
                overlaySampling(), maxOutputRecordBytes()));
    }

    /**
     * Micro-batch bounds. The pressure mark batch.pressure-rss-mb: 0 (the default) means 90% of the
     * TaskManager's configured process memory where that is known ({@code taskManagerProcessBytes} > 0),
     * else no mark.
     */
    public BatchLimits batchLimits(long taskManagerProcessBytes) {
        long mark = longValue("batch.pressure-rss-mb") << 20;
        if (mark == 0 && taskManagerProcessBytes > 0) {
            mark = taskManagerProcessBytes / 10 * 9;
        }
        return new BatchLimits((int) longValue("batch.max-items"), longValue("batch.max-bytes"),
                longValue("batch.max-wait-ms"), mark);
    }

    private long longValue(String key) {
        try {
            return Long.parseLong(get(key).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("config '" + key + "' must be an integer, got '" + get(key) + "'");
        }
    }

    private void validate() {
        for (String key : values.keySet()) {
            if (!DEFAULTS.containsKey(key) && !(key.startsWith(KAFKA_PROPERTIES) && key.length() > KAFKA_PROPERTIES.length())) {
                throw new IllegalArgumentException("unknown config key '" + key + "'; known keys: " + DEFAULTS.keySet());
            }
        }
        long maxRecord = longValue("kafka.max-record-bytes");
        if (maxRecord <= 0 || maxRecord > Integer.MAX_VALUE - KafkaSettings.HEADROOM_BYTES) {
            throw new IllegalArgumentException("config 'kafka.max-record-bytes' must be between 1 and "
                    + (Integer.MAX_VALUE - KafkaSettings.HEADROOM_BYTES) + ", got " + maxRecord);
        }
        if (longValue("guard.max-bytes") < 0 || longValue("guard.max-bytes") > maxRecord) {
            throw new IllegalArgumentException("config 'guard.max-bytes' must be between 0 (= kafka.max-record-bytes) and "
                    + "kafka.max-record-bytes (" + maxRecord + "), got " + get("guard.max-bytes"));
        }
        guardLimits();
        streamProfiles();
        for (String k : List.of("overlay.max-side", "overlay.every-n", "output.max-record-bytes", "checkpoint.interval-ms",
                "sink.transaction-timeout-ms", "batch.max-items", "batch.max-bytes", "batch.max-wait-ms")) {
            if (longValue(k) <= 0) {
                throw new IllegalArgumentException("config '" + k + "' must be positive, got " + get(k));
            }
        }
        if (parallelism() < 0 || longValue("runtime.intra-op-threads") < 0 || longValue("memory.slot-budget-mb") < 0
                || longValue("batch.pressure-rss-mb") < 0) {
            throw new IllegalArgumentException("parallelism, runtime.intra-op-threads, memory.slot-budget-mb and "
                    + "batch.pressure-rss-mb must be >= 0");
        }
        if (transactionTimeoutMs() > BROKER_MAX_TRANSACTION_TIMEOUT_MS) {
            throw new IllegalArgumentException("sink.transaction-timeout-ms=" + transactionTimeoutMs()
                    + " exceeds the Kafka broker's default transaction.max.timeout.ms (" + BROKER_MAX_TRANSACTION_TIMEOUT_MS
                    + "); the sink could not open transactions and the job would restart in a loop");
        }
        if (checkpointIntervalMs() >= transactionTimeoutMs()) {
            throw new IllegalArgumentException("checkpoint.interval-ms must be well below sink.transaction-timeout-ms");
        }
        if (!List.of("committed", "earliest", "latest").contains(startingOffsets())) {
            throw new IllegalArgumentException("source.starting-offsets must be committed, earliest or latest");
        }
        if (!List.of("jpeg", "png").contains(get("overlay.format").trim().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("overlay.format must be jpeg or png, got '" + get("overlay.format") + "'");
        }
        if (!List.of("always", "detections").contains(get("overlay.when").trim().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("overlay.when must be always or detections, got '" + get("overlay.when") + "'");
        }
        try {
            runtimeOptions();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("runtime.device must be auto, cpu or cuda, got '" + get("runtime.device") + "'");
        }
    }

    /** Secrets among the passed-through Kafka properties are hidden: a config may be logged. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        values.forEach((k, v) -> shown.put(k, k.startsWith(KAFKA_PROPERTIES) && KafkaSettings.secret(k) ? "[hidden]" : v));
        return shown.toString();
    }

    /** Collects values from files and flags; {@link #build()} validates them. */
    public static final class Builder {
        private final Map<String, String> values = new LinkedHashMap<>(DEFAULTS);

        public Builder set(String key, Object value) {
            values.put(key, String.valueOf(value));
            return this;
        }

        public Builder file(Path file) {
            Object root;
            try {
                root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
            }
            if (root != null && !(root instanceof Map)) {
                throw new IllegalArgumentException("config file " + file + " must be a YAML map");
            }
            if (root != null) {
                flatten("", (Map<?, ?>) root);
            }
            return this;
        }

        private void flatten(String prefix, Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = prefix + e.getKey();
                if (e.getValue() instanceof Map<?, ?> nested) {
                    flatten(key + ".", nested);
                } else if (e.getValue() instanceof List<?> list) {
                    values.put(key, String.join(",", list.stream().map(String::valueOf).toList()));
                } else {
                    values.put(key, e.getValue() == null ? "" : String.valueOf(e.getValue()));
                }
            }
        }

        public JobConfig build() {
            return new JobConfig(values);
        }
    }
}
