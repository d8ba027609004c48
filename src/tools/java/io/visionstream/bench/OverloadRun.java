package io.visionstream.bench;

import io.visionstream.cli.EmbeddedKafka;
import io.visionstream.cli.ImagePublisher;
import io.visionstream.fuzz.JobTaps;
import io.visionstream.job.JobConfig;
import io.visionstream.job.VisionStreamJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleToLongFunction;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * One job on topics of its own, fed {@link OverloadInput}'s records in order, sampled every few seconds until
 * every record is answered. Two ways to feed it: flow-controlled (a few checkpoints of work ahead of what was
 * read back, so the job is always busy and never behind: the normal-speed run), or open-loop at a fixed rate
 * after a warm-up (the overload run). Everything runs on this one thread: the publisher, the read_committed
 * reader and the samples; a sample's forced GC only delays the publisher, which then catches up on its schedule.
 */
final class OverloadRun {
    /** What the verdict needs of a run. */
    record Result(String name, long total, List<OverloadSample> samples, OverloadReader reader, int restarts,
                  boolean running, boolean complete, double probedRate, double produceEndS, double drainedS) { }

    /** How the run is fed and sampled. {@code rate} 0: flow-controlled; {@code plan}: probed rate -> records. */
    record Feed(double rate, long total, DoubleToLongFunction plan, double warmS, double probeS, double everyS,
                long checkpointMs) { }

    private OverloadRun() {
    }

    static Result run(EmbeddedKafka kafka, Path zones, OverloadInput input, String name, Feed feed) throws Exception {
        JobConfig config = config(kafka, zones, name, feed.checkpointMs());
        kafka.createTopics(2, config.imagesTopic());
        kafka.createTopics(1, config.detectionsTopic(), config.masksTopic(), config.rejectsTopic(), config.eventsTopic());
        kafka.createTopics(1, Map.of("cleanup.policy", "compact"), config.zonesTopic());
        Configuration flink = new Configuration();
        CheckpointCounter.configure(flink);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, flink);
        // the tap between source and guard records each task attempt: a restart shows as attempt 1
        VisionStreamJob.build(env, config, JobTaps.countRestarts());
        JobClient job = env.executeAsync("visionstream-overload-" + name);
        List<OverloadSample> samples = new ArrayList<>();
        OverloadReader reader = new OverloadReader(config);
        try (ImagePublisher publisher = new ImagePublisher(config.kafka(), config.imagesTopic());
             Admin admin = admin(kafka)) {
            long t0 = System.nanoTime();
            long total = feed.total() > 0 ? feed.total() : Long.MAX_VALUE;
            long produced = 0;
            double firstAnswerS = -1;
            double probeStartS = -1;
            long probeStartAnswers = 0;
            double probedRate = Double.NaN;
            double openLoopS = -1; // when the open-loop schedule started
            long openLoopFrom = 0;
            double produceEndS = -1;
            double lastSampleS = -feed.everyS();
            double doneS = -1;
            double deadlineS = Double.MAX_VALUE;
            while (true) {
                double s = (System.nanoTime() - t0) / 1e9;
                long answered = reader.answered();
                if (firstAnswerS < 0 && answered > 0) {
                    firstAnswerS = s;
                }
                boolean warm = firstAnswerS >= 0 && s >= firstAnswerS + feed.warmS();
                // the probe: the flow-controlled run's answers per second once warm, which sizes the whole input
                if (feed.plan() != null && warm && probeStartS < 0) {
                    probeStartS = s;
                    probeStartAnswers = answered;
                } else if (probeStartS >= 0 && Double.isNaN(probedRate) && s >= probeStartS + feed.probeS()) {
                    probedRate = (answered - probeStartAnswers) / (s - probeStartS);
                    total = Math.max(produced, feed.plan().applyAsLong(probedRate));
                }
                if (feed.rate() > 0 && warm && openLoopS < 0) {
                    openLoopS = s;
                    openLoopFrom = produced;
                }
                long allowed;
                if (openLoopS >= 0) {
                    allowed = openLoopFrom + (long) (feed.rate() * (s - openLoopS));
                } else {
                    allowed = answered + ahead(answered, firstAnswerS < 0 ? 0 : s - firstAnswerS, feed.checkpointMs());
                }
                while (produced < Math.min(total, allowed)) {
                    publisher.publish(input.stream(produced), input.image(produced), null, input.frame(produced), null);
                    produced++;
                }
                if (produced >= total && produceEndS < 0) {
                    produceEndS = s;
                    // a run that cannot finish in three times its producing time (and two minutes) has lost something
                    deadlineS = s + Math.max(120, 3 * s);
                }
                reader.poll(Duration.ofMillis(20));
                if (doneS < 0 && produceEndS >= 0 && reader.answered() >= total) {
                    doneS = s;
                }
                boolean end = (doneS >= 0 && s >= doneS + 3.0 * feed.checkpointMs() / 1000 + 2) || s > deadlineS;
                if (s - lastSampleS >= feed.everyS() || end) {
                    String phase = !warm ? "warm-up" : produceEndS >= 0 ? "catch-up" : openLoopS >= 0 ? "overload"
                            : probeStartS >= 0 && Double.isNaN(probedRate) ? "probe" : "steady";
                    OverloadSample x = OverloadSample.take(name, phase, s, produced, reader.answered(),
                            groupLag(admin, config, produced));
                    samples.add(x);
                    System.out.println(x.row());
                    lastSampleS = s;
                }
                if (end) {
                    boolean running = job.getJobStatus().get(10, TimeUnit.SECONDS) == JobStatus.RUNNING;
                    return new Result(name, produced, samples, reader, JobTaps.restarts(), running, doneS >= 0,
                            probedRate, produceEndS, doneS < 0 ? Double.NaN : doneS - produceEndS);
                }
            }
        } finally {
            reader.close();
            job.cancel().get();
        }
    }

    /**
     * Records allowed in flight beyond what was read back: three checkpoint intervals at the rate so far (answers
     * appear only when a checkpoint commits them), at least 32, so the job never waits for input.
     */
    static long ahead(long answered, double secondsSinceFirstAnswer, long checkpointMs) {
        double rate = secondsSinceFirstAnswer > 2 ? answered / secondsSinceFirstAnswer : 0;
        return Math.max(32, Math.min(400, Math.round(rate * checkpointMs / 1000.0 * 3)));
    }

    /** Produced minus the offsets the job's source committed with its last checkpoint; -1 when unreadable. */
    private static long groupLag(Admin admin, JobConfig config, long produced) {
        try {
            long committed = 0;
            for (Map.Entry<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> e : admin
                    .listConsumerGroupOffsets(config.groupId()).partitionsToOffsetAndMetadata()
                    .get(5, TimeUnit.SECONDS).entrySet()) {
                if (e.getKey().topic().equals(config.imagesTopic()) && e.getValue() != null) {
                    committed += e.getValue().offset();
                }
            }
            return produced - committed;
        } catch (Exception e) {
            return -1;
        }
    }

    private static Admin admin(EmbeddedKafka kafka) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return Admin.create(p);
    }

    /** The job as shipped (nanodet-coco, tracking on by default) on this run's topics, overlays off (see doc). */
    private static JobConfig config(EmbeddedKafka kafka, Path zones, String name, long checkpointMs) {
        String s = "ov-" + name;
        return JobConfig.builder()
                .set("kafka.bootstrap", kafka.bootstrapServers())
                .set("kafka.group-id", "vs-" + s)
                .set("sink.transactional-id-prefix", "vs-" + s)
                .set("topics.images", "images-" + s)
                .set("topics.detections", "detections-" + s)
                .set("topics.masks", "masks-" + s)
                .set("topics.rejects", "rejects-" + s)
                .set("topics.events", "events-" + s)
                .set("topics.zones", "zones-" + s)
                .set("checkpoint.interval-ms", checkpointMs)
                .set("parallelism", 1)
                .set("models.enabled", "nanodet-coco")
                .set("model.default", "nanodet-coco")
                .set("overlay.enabled", false)
                .set("zones.file", zones.toString())
                .build();
    }
}
