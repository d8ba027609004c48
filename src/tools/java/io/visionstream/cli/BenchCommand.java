package io.visionstream.cli;

import io.visionstream.bench.AccuracyBench;
import io.visionstream.bench.ClusterSoakBench;
import io.visionstream.bench.MemoryBench;
import io.visionstream.bench.OverloadBench;
import io.visionstream.bench.SoakBench;
import io.visionstream.bench.ThroughputBench;
import io.visionstream.bench.tracking.TrackingBench;
import io.visionstream.fuzz.FuzzBench;
import io.visionstream.ingest.IngestBench;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code visionstream bench memory | soak | cluster-soak | accuracy | fuzz | throughput | ingest}: one class per benchmark. */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VisionStreamCli.Version.class,
        description = "Benchmarks (README \"Benchmarks\"); each writes its table and CSV under --out.",
        subcommands = {BenchCommand.Memory.class, BenchCommand.Soak.class, BenchCommand.ClusterSoak.class,
                BenchCommand.Accuracy.class, BenchCommand.Fuzz.class, BenchCommand.Throughput.class,
                BenchCommand.IngestCameras.class, BenchCommand.Tracking.class,
                BenchCommand.Overload.class})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return VisionStreamCli.USAGE;
    }

    /** The options a benchmark was given, by name without the dashes; options without a value are left out. */
    static Map<String, String> options(CommandSpec spec) {
        Map<String, String> out = new LinkedHashMap<>();
        for (OptionSpec o : spec.options()) {
            if (!o.usageHelp() && !o.versionHelp() && o.getValue() != null) {
                out.put(o.longestName().substring(2), String.valueOf((Object) o.getValue()));
            }
        }
        return out;
    }

    /** What every benchmark writes to. */
    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--out", paramLabel = "DIR", description = "output folder", defaultValue = "bench-out")
        Path out;
    }

    @Command(name = "memory", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "Each model family at growing image sizes in a child JVM per measurement: the safe path and "
                    + "the naive one (safeguards off). Writes bench-memory.csv.")
    static final class Memory extends Base {
        @Option(names = "--budget-mb", description = "slot budget", defaultValue = "1024")
        long budgetMb;
        @Option(names = "--naive-limit-mb", description = "no naive run where the calibrated estimate exceeds this",
                defaultValue = "8192")
        long naiveLimitMb;
        @Option(names = "--models", paramLabel = "A,B", description = "registry names",
                defaultValue = "nanodet-coco,ppocr,selfie-person,waifu2x-2x,ppocr-cls")
        String models;
        @Option(names = "--sizes", paramLabel = "WxH,...", description = "image sizes",
                defaultValue = "640x640,1920x1080,4000x3000,7680x4320")
        String sizes;

        @Override
        public Integer call() throws Exception {
            return MemoryBench.main(options(spec));
        }
    }

    @Command(name = "soak", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "Small images through the whole pipeline (in-process broker, MiniCluster, job, exactly-once "
                    + "sink) for --count images or --minutes, sampling memory as it goes.")
    static final class Soak extends Base {
        @Option(names = "--count", description = "images (default: 20000, or no bound with --minutes)")
        Long count;
        @Option(names = "--minutes", description = "run this long (0: until --count)", defaultValue = "0")
        double minutes;
        @Option(names = "--model", paramLabel = "A[,B...]", description = "models; records take turns",
                defaultValue = "selfie-person")
        String model;
        @Option(names = "--every", description = "sample every this many results", defaultValue = "1000")
        long every;
        @Option(names = "--every-s", description = "and every this many seconds", defaultValue = "60")
        double everySeconds;
        @Option(names = "--checkpoint-ms", description = "checkpoint interval", defaultValue = "2000")
        long checkpointMs;

        @Override
        public Integer call() throws Exception {
            return SoakBench.main(options(spec));
        }
    }

    @Command(name = "cluster-soak", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "Soak a job on a running cluster and broker (flink-conf/soak-cluster.sh starts them), "
                    + "reading the TaskManager's memory from its metrics.")
    static final class ClusterSoak extends Base {
        @Option(names = "--minutes", description = "run this long", defaultValue = "30")
        double minutes;
        @Option(names = "--every-s", description = "sample every this many seconds", defaultValue = "30")
        double everySeconds;
        @Option(names = "--model", paramLabel = "A[,B...]", description = "models; records take turns",
                defaultValue = "nanodet-coco,ppocr,selfie-person")
        String model;
        @Option(names = "--prefix", description = "topic prefix: PREFIX-images, PREFIX-detections, ...",
                defaultValue = "soak")
        String prefix;
        @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "brokers", defaultValue = "127.0.0.1:9092")
        String bootstrap;
        @Option(names = "--checkpoint-ms", description = "checkpoint interval", defaultValue = "10000")
        long checkpointMs;
        @Option(names = "--metrics-host", description = "where the JobManager's and TaskManager's metrics are",
                defaultValue = "localhost")
        String metricsHost;

        @Override
        public Integer call() throws Exception {
            return ClusterSoakBench.main(options(spec));
        }
    }

    @Command(name = "accuracy", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "Text recognition on generated pages with known truth, and detection / segmentation on "
                    + "pasted objects, at growing sizes.")
    static final class Accuracy extends Base {
        @Option(names = "--sizes", paramLabel = "WxH,...", description = "page sizes",
                defaultValue = "640x480,1280x720,1920x1080,4000x3000,7680x4320")
        String sizes;
        @Option(names = "--paste-sizes", paramLabel = "WxH,...", description = "sizes of the pasted-object images",
                defaultValue = "1920x1080,4000x3000,7680x4320")
        String pasteSizes;
        @Option(names = "--layouts", description = "page layouts (none: no text rows)",
                defaultValue = "document,map,receipt,rotated")
        String layouts;
        @Option(names = "--seed", description = "page generator seed", defaultValue = "7")
        long seed;
        @Option(names = "--paste", paramLabel = "true|false", description = "also the pasted-object rows",
                defaultValue = "true")
        String paste;
        @Option(names = "--masks", paramLabel = "true|false", description = "also the person-mask rows of the "
                + "pasted scenes", defaultValue = "true")
        String masks;
        @Option(names = "--scenes", description = "pasted scenes per size of the detection rows", defaultValue = "4")
        int scenes;
        @Option(names = "--cascade", paramLabel = "true|false", description = "also the cascade rows (tags read by "
                + "detector then OCR)", defaultValue = "true")
        String cascade;
        @Option(names = "--parts", paramLabel = "true|false", description = "also the body-part rows (people pasted "
                + "into scenes, against each person parsed alone)", defaultValue = "true")
        String parts;
        @Option(names = "--cascade-sizes", paramLabel = "WxH,...", description = "sizes of the cascade and body-part scenes",
                defaultValue = "1920x1080,4000x3000")
        String cascadeSizes;
        @Option(names = "--dump", paramLabel = "DIR", description = "each page as PNG, the regions read and the truth")
        Path dump;
        @Option(names = "--registry", description = "model registry", defaultValue = "classpath:models/models.yaml")
        String registry;
        @Option(names = "--text-model", description = "text model", defaultValue = "ppocr")
        String textModel;
        @Option(names = "--detect-model", description = "detector of the pasted rows", defaultValue = "nanodet-coco")
        String detectModel;
        @Option(names = "--segment-model", description = "segmenter of the pasted rows", defaultValue = "selfie-person")
        String segmentModel;
        @Option(names = "--photos", paramLabel = "DIR", description = "photos pasted into the huge-frame scenes "
                + "(default: samples/)")
        Path photos;
        @Option(names = "--people", paramLabel = "DIR", description = "photos of people pasted into the person-mask "
                + "scenes (default: samples/person.jpg)")
        Path people;
        @Option(names = "--tile-options", paramLabel = "K=V,...", description = "registry options of the detector's "
                + "tile rows, e.g. sliceSide=832,maxRuns=32", defaultValue = "")
        String tileOptions;

        @Override
        public Integer call() throws Exception {
            return AccuracyBench.main(options(spec));
        }
    }

    @Command(name = "fuzz", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "The whole hostile set through the real pipeline; exit 1 when an input was lost, answered "
                    + "twice or outside its expected outcomes, or the job restarted.")
    static final class Fuzz implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--seed", description = "generator seed", defaultValue = "12")
        long seed;
        @Option(names = "--parallelism", description = "job parallelism", defaultValue = "2")
        int parallelism;
        @Option(names = "--timeout-s", description = "give up after this many seconds", defaultValue = "900")
        long timeoutS;

        @Override
        public Integer call() throws Exception {
            return FuzzBench.main(options(spec));
        }
    }

    @Command(name = "throughput", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "Images per second: the model alone (ceiling), in-process handlers, the whole pipeline, "
                    + "and DJL's ONNX Runtime engine as a peer (build with VISIONSTREAM_MVN_ARGS=-Ppeer).")
    static final class Throughput extends Base {
        @Option(names = "--models", paramLabel = "A,B", description = "registry names", defaultValue = "nanodet-coco,ppocr-det")
        String models;
        @Option(names = "--modes", description = "what to measure", defaultValue = "ceiling,inprocess,pipeline,peer")
        String modes;
        @Option(names = "--images", paramLabel = "DIR", description = "images to use (default: generated)")
        Path images;
        @Option(names = "--seconds", description = "measured seconds per row", defaultValue = "10")
        double seconds;
        @Option(names = "--pipeline-seconds", description = "measured seconds per pipeline row", defaultValue = "25")
        double pipelineSeconds;
        @Option(names = "--warmup-seconds", description = "seconds not counted at the start", defaultValue = "20")
        double warmupSeconds;
        @Option(names = "--pipelines", paramLabel = "SETTINGS:STREAMS,...",
                description = "pipeline rows; SETTINGS is default, overlays-off or KEY=VALUE joined by '+'",
                defaultValue = "default:8,default:1,overlays-off:8,overlays-off:1")
        String pipelines;
        @Option(names = "--cores", description = "cores to report against (default: this machine's)")
        Integer cores;
        @Option(names = "--registry", description = "model registry", defaultValue = "classpath:bench/throughput-models.yaml")
        String registry;

        @Override
        public Integer call() throws Exception {
            return ThroughputBench.main(options(spec));
        }
    }

    @Command(name = "ingest", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "One camera at a time (a generated H.264 clip played at 25 fps) through ingest into an "
                    + "in-process broker: fps, CPU of FFmpeg and of ingest, FFmpeg's memory, start-up. "
                    + "Writes bench-ingest.csv.")
    static final class IngestCameras extends Base {
        @Option(names = "--sizes", paramLabel = "WxH,...", description = "source sizes",
                defaultValue = "1280x720,1920x1080")
        String sizes;
        @Option(names = "--rates", paramLabel = "FPS,...", description = "sampling rates (0: every frame)",
                defaultValue = "0,5")
        String rates;
        @Option(names = "--seconds", description = "measured seconds per row", defaultValue = "15")
        double seconds;
        @Option(names = "--warmup-seconds", description = "seconds not counted at the start", defaultValue = "3")
        double warmupSeconds;

        @Override
        public Integer call() throws Exception {
            return IngestBench.main(options(spec));
        }
    }

    @Command(name = "tracking", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "The tracker and the line/zone counter against a port of ByteTrack's reference tracker on "
                    + "generated sequences with exact truth (real objects, nanodet detections): MOTA, IDF1, ID "
                    + "switches, counts against the truth, and the tracker's cost per frame; with --job, each sequence "
                    + "also through the whole job with a TaskManager killed mid-sequence. Writes bench-tracking.csv.")
    static final class Tracking extends Base {
        @Option(names = "--sequences", paramLabel = "A,B", description = "generated sequences",
                defaultValue = "belt,crossing,reentry,fast,dense")
        String sequences;
        @Option(names = "--cost-reps", description = "replays of the dense sequence for the cost per frame",
                defaultValue = "30")
        int costReps;
        @Option(names = "--registry", description = "model registry", defaultValue = "classpath:models/models.yaml")
        String registry;
        @Option(names = "--detect-model", description = "detector", defaultValue = "nanodet-coco")
        String detectModel;
        @Option(names = "--random", paramLabel = "N", defaultValue = "20",
                description = "random scenes (seeded) through both trackers in memory after the named sequences: a "
                        + "summary row each, and the scenes where ByteTracker is behind (0: none)")
        int random;
        @Option(names = "--job", arity = "1", paramLabel = "true|false", defaultValue = "true",
                description = "also run each sequence through the whole job (in-process broker, MiniCluster) with a "
                        + "TaskManager killed mid-sequence: row job+kill")
        boolean job;

        @Override
        public Integer call() throws Exception {
            return TrackingBench.main(options(spec));
        }
    }

    @Command(name = "overload", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "Frames faster than inference: a normal-speed run (its rate probed unless --rate), then the "
                    + "same tracked frames at --factor x that rate for --minutes; resident memory, lag, checkpoints "
                    + "and restarts sampled, every frame answered once, events equal to the normal run's. Writes "
                    + "bench-overload.csv; exit 1 when a requirement failed.")
    static final class Overload extends Base {
        @Option(names = "--minutes", description = "minutes of producing at --factor x the rate", defaultValue = "3")
        double minutes;
        @Option(names = "--factor", description = "overload: this many times the sustainable rate", defaultValue = "2")
        double factor;
        @Option(names = "--rate", description = "sustainable rate in frames/s (default: probed in the normal run)")
        Double rate;
        @Option(names = "--streams", description = "cameras, each playing the sequence in passes", defaultValue = "4")
        int streams;
        @Option(names = "--sequence", description = "generated tracking sequence (bench tracking's)", defaultValue = "belt")
        String sequence;
        @Option(names = "--every-s", description = "sample every this many seconds", defaultValue = "5")
        double everySeconds;
        @Option(names = "--checkpoint-ms", description = "checkpoint interval", defaultValue = "2000")
        long checkpointMs;
        @Option(names = "--warm-s", description = "seconds after the first answer before probing or overloading",
                defaultValue = "15")
        double warmSeconds;
        @Option(names = "--probe-s", description = "seconds the rate is probed over", defaultValue = "40")
        double probeSeconds;
        @Option(names = "--registry", description = "model registry", defaultValue = "classpath:models/models.yaml")
        String registry;

        @Override
        public Integer call() throws Exception {
            return OverloadBench.main(options(spec));
        }
    }
}
