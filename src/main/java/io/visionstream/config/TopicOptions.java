package io.visionstream.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import org.apache.flink.configuration.ConfigOption;

/** The input topics (images, zones) and the output topics. */
public final class TopicOptions {
    public static final ConfigOption<String> IMAGES = key("topics.images").stringType().defaultValue("images")
            .withDescription("input topic: one image per record");
    public static final ConfigOption<String> DETECTIONS = key("topics.detections").stringType()
            .defaultValue("detections")
            .withDescription("results (JSON), one per accepted image");
    public static final ConfigOption<String> MASKS = key("topics.masks").stringType().defaultValue("masks")
            .withDescription("overlays, masks and output images");
    public static final ConfigOption<String> REJECTS = key("topics.rejects").stringType().defaultValue("rejects")
            .withDescription("one reject record (JSON) per input that could not be processed");

    public static final ConfigOption<String> EVENTS = key("topics.events").stringType().defaultValue("events")
            .withDescription("line crossings and zone entries and exits (JSON), once each");
    public static final ConfigOption<String> ZONES = key("topics.zones").stringType().defaultValue("zones")
            .withDescription("compacted topic of lines and zones per stream (key = stream id, value = YAML or JSON "
                    + "entry, empty = remove); read from the start, applied while the job runs");

    private static final Rule<String> NAMED = v -> v.isBlank() ? "must name a topic" : null;

    public static final OptionGroup GROUP = new OptionGroup("topics")
            .add(IMAGES, NAMED).add(DETECTIONS, NAMED).add(MASKS, NAMED).add(REJECTS, NAMED)
            .add(EVENTS, NAMED).add(ZONES, NAMED);

    private TopicOptions() {
    }
}
