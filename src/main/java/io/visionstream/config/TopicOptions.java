package io.visionstream.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import org.apache.flink.configuration.ConfigOption;

/** The input topic and the three output topics. */
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

    private static final Rule<String> NAMED = v -> v.isBlank() ? "must name a topic" : null;

    public static final OptionGroup GROUP = new OptionGroup("topics")
            .add(IMAGES, NAMED).add(DETECTIONS, NAMED).add(MASKS, NAMED).add(REJECTS, NAMED);

    private TopicOptions() {
    }
}
