package io.visionstream.cli;

import io.visionstream.config.ConfigArgs;
import io.visionstream.ingest.CameraConfig;
import io.visionstream.ingest.CamerasFile;
import io.visionstream.ingest.Ingest;
import io.visionstream.ingest.IngestSettings;
import io.visionstream.job.JobConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code visionstream ingest}: cameras, video files and image folders in, JPEG frames on the images topic out
 * (docs/cameras.md). Decoding stays out of the job: a camera failure never fails the job, and the job replays
 * frames from Kafka after a crash.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        versionProvider = VisionStreamCli.Version.class,
        description = {"Reads cameras (RTSP, HTTP MJPEG/HLS), video files and V4L2 devices with one FFmpeg process "
                + "each and publishes sampled JPEG frames to the images topic (key: stream id, headers model, frame, "
                + "profile; timestamp: capture time). Reconnects dropped cameras with backoff; bounded in memory when "
                + "Kafka is slow or away. One camera: --stream and --source; many: --cameras FILE (docs/cameras.md).",
                "Runs until every file source has ended, --duration-s has passed, or it is stopped (SIGTERM)."},
        footer = {"", "      --kafka.properties.NAME VALUE", "                        any Kafka client property (security.protocol,",
                "                          sasl.*, ssl.*, buffer.memory, ...)",
                "", "Exit codes: 0 success, 1 failure at run time, 2 usage or configuration error."})
final class IngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"--bootstrap", "--kafka.bootstrap"}, paramLabel = "HOST:PORT", description = "brokers",
            defaultValue = "127.0.0.1:9092")
    String bootstrap;
    @Option(names = "--stream", paramLabel = "ID", description = "stream id of the camera (the record key)")
    String stream;
    @Option(names = "--source", paramLabel = "URL|FILE|DEVICE",
            description = "rtsp://..., http(s)://... (MJPEG, HLS), a video file, /dev/videoN")
    String source;
    @Option(names = "--cameras", paramLabel = "FILE",
            description = "cameras.yaml: one entry per camera with the per-camera options below as keys")
    Path camerasFile;
    @Option(names = "--fps", paramLabel = "N", description = "sample to N frames a second (0: every frame); "
            + "frames in between are not encoded", defaultValue = "0")
    double fps;
    @Option(names = "--keyframes-only", description = "decode key frames only (cheapest monitoring)")
    boolean keyframesOnly;
    @Option(names = "--max-side", paramLabel = "PX", description = "longer side of the JPEG at most (never scaled up)",
            defaultValue = "" + CameraConfig.DEFAULT_MAX_SIDE)
    int maxSide;
    @Option(names = "--model", paramLabel = "NAME", description = "model header (default: none, the job's default model)")
    String model;
    @Option(names = "--profile", paramLabel = "NAME", description = "input-size profile header (default: none)")
    String profile;
    @Option(names = "--quality", paramLabel = "1-100", description = "JPEG quality",
            defaultValue = "" + CameraConfig.DEFAULT_QUALITY)
    int quality;
    @Option(names = "--loop", description = "a video file starts over at its end (default: ends ingest of it)")
    boolean loop;
    @Option(names = "--rtsp-transport", paramLabel = "tcp|udp", description = "RTSP transport", defaultValue = "tcp")
    String rtspTransport;
    @Option(names = "--queue-frames", paramLabel = "N", description = "frames held per camera between decode and "
            + "publish; when full the oldest is dropped", defaultValue = "" + CameraConfig.DEFAULT_QUEUE_FRAMES)
    int queueFrames;
    @Option(names = "--stall-timeout-s", paramLabel = "S", description = "no decoded frame for S seconds is a drop "
            + "(the decoder restarts)", defaultValue = "10")
    double stallTimeoutS;
    @Option(names = "--topic", description = "input topic (default: topics.images of the config, images)")
    String topic;
    @Option(names = "--backoff-initial-ms", paramLabel = "MS", description = "first reconnect wait", defaultValue = "500")
    long backoffInitialMs;
    @Option(names = "--backoff-max-s", paramLabel = "S", description = "longest reconnect wait (jittered)",
            defaultValue = "30")
    double backoffMaxS;
    @Option(names = "--max-block-ms", paramLabel = "MS", description = "a send blocked longer (Kafka away, buffer "
            + "full) drops the frame", defaultValue = "1000")
    long maxBlockMs;
    @Option(names = "--buffer-mb", paramLabel = "MB", description = "producer buffer.memory: all cameras' unsent "
            + "frames together", defaultValue = "32")
    long bufferMb;
    @Option(names = "--report-every-s", paramLabel = "S", description = "print the camera table every S seconds "
            + "(0: only at the end)", defaultValue = "10")
    double reportEveryS;
    @Option(names = "--metrics-port", paramLabel = "PORT", description = "Prometheus text on /metrics (0: off)",
            defaultValue = "0")
    int metricsPort;
    @Option(names = "--duration-s", paramLabel = "S", description = "stop after S seconds (0: run until stopped "
            + "or every file has ended)", defaultValue = "0")
    double durationS;
    @Option(names = "--ffmpeg", paramLabel = "PATH", description = "the FFmpeg binary", defaultValue = "ffmpeg")
    String ffmpeg;
    @Option(names = ConfigArgs.CONFIG, paramLabel = "FILE",
            description = "the job's YAML config (kafka.properties.*, kafka.max-record-bytes, topics.images)")
    Path configFile;
    @Option(names = "--kafka.max-record-bytes", paramLabel = "N",
            description = "the largest frame record (default: the job's, 16777216)")
    Integer maxRecordBytes;

    @Override
    public Integer call() throws Exception {
        List<CameraConfig> cameras = cameras();
        JobConfig.Builder config = JobConfig.builder().set("kafka.bootstrap", "127.0.0.1:9092");
        ConfigArgs.Parsed parsed = ConfigArgs.values(spec.commandLine().getParseResult());
        if (parsed.file() != null) {
            config.file(parsed.file());
        }
        parsed.values().forEach(config::set);
        JobConfig c = config.build();
        if (backoffMaxS * 1000 < backoffInitialMs) {
            throw new IllegalArgumentException("--backoff-max-s must be at least --backoff-initial-ms");
        }
        IngestSettings settings = new IngestSettings(ffmpeg, c.kafka(), topic != null ? topic : c.imagesTopic(),
                maxBlockMs, bufferMb << 20, backoffInitialMs, (long) (backoffMaxS * 1000), reportEveryS, metricsPort,
                durationS);
        Ingest ingest = new Ingest(cameras, settings, System.out);
        Thread hook = new Thread(() -> {
            ingest.stop();
            try {
                ingest.awaitDone(20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ingest-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        ingest.run();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down already
        }
        return 0;
    }

    /** One camera from the options, or the file's cameras with the options as their defaults. */
    List<CameraConfig> cameras() {
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("fps", fps);
        base.put("keyframes-only", keyframesOnly);
        base.put("max-side", maxSide);
        base.put("model", model);
        base.put("profile", profile);
        base.put("quality", quality);
        base.put("loop", loop);
        base.put("queue-frames", queueFrames);
        base.put("stall-timeout-s", stallTimeoutS);
        base.put("rtsp-transport", rtspTransport);
        if (camerasFile != null) {
            if (stream != null || source != null) {
                throw new IllegalArgumentException("--cameras FILE lists the cameras: leave out --stream and --source");
            }
            return CamerasFile.read(camerasFile, base);
        }
        if (source == null) {
            throw new IllegalArgumentException("give --source URL|FILE|DEVICE (and --stream ID), or --cameras FILE");
        }
        base.put("stream", stream);
        base.put("source", source);
        return List.of(CamerasFile.camera(base));
    }
}
