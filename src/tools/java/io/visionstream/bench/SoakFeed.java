package io.visionstream.bench;

import io.visionstream.result.Task;
import io.visionstream.serving.ServedModels;

import io.visionstream.cli.ImagePublisher;
import io.visionstream.cli.Outputs;
import io.visionstream.job.JobConfig;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * The images of a soak and their results: records take turns over the models (text models get strips of a
 * document, the others crops of photos, so that results vary like a camera's), published about two checkpoints
 * ahead of the results read back (read_committed), so that the job is never idle and a run ends soon after its
 * deadline even with slow models. Shared by the in-process soak and the cluster soak.
 */
final class SoakFeed implements AutoCloseable {
    private final JobConfig config;
    private final List<String> models;
    private final List<List<byte[]>> inputs;
    private final ImagePublisher publisher;
    private final Outputs outputs;
    private final long started = System.nanoTime();
    private long published;

    SoakFeed(JobConfig config, List<String> models) throws Exception {
        this.config = config;
        this.models = models;
        this.inputs = inputsPerModel(models, config.servedModels());
        this.publisher = new ImagePublisher(config.kafka(), config.imagesTopic());
        this.outputs = new Outputs(config.kafka(), config.detectionsTopic(), config.rejectsTopic(), config.masksTopic())
                .countOnly();
    }

    /** Publishes what may go ahead (none once {@code stop}, nor beyond {@code total}), then reads results once. */
    void step(boolean stop, long total) throws Exception {
        long ahead = aheadLimit(done(), seconds(), config.checkpointIntervalMs());
        while (!stop && published < total && published - done() < ahead) {
            int m = (int) (published % models.size());
            List<byte[]> pool = inputs.get(m);
            publisher.publish("cam-" + (published % 8), pool.get((int) (published / models.size() % pool.size())),
                    models.get(m), published, null);
            published++;
        }
        outputs.pollOnce(Duration.ofMillis(200));
    }

    /** Results and rejects read back (committed). */
    long done() {
        return outputs.count(config.detectionsTopic(), config.rejectsTopic());
    }

    long published() {
        return published;
    }

    double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    static long aheadLimit(long done, double seconds, long checkpointMs) {
        double rate = seconds > 0 ? done / seconds : 0;
        return Math.max(16, Math.min(400, Math.round(rate * checkpointMs / 1000.0 * 2)));
    }

    /** Per model: strips of the document for text models, crops of the photos for the others. */
    private static List<List<byte[]>> inputsPerModel(List<String> models, ServedModels served) throws Exception {
        List<byte[]> photos = null;
        List<byte[]> pages = null;
        List<List<byte[]>> out = new ArrayList<>();
        for (String m : models) {
            if (served.get(m).task() == Task.TEXT) {
                pages = pages != null ? pages : crops(List.of("imageTextN.png"), 32, 0.5, "png");
                out.add(pages);
            } else {
                photos = photos != null ? photos : crops(List.of("dog.jpg", "person.jpg", "horses.jpg"), 64, 0.4, "jpg");
                out.add(photos);
            }
        }
        return out;
    }

    /** Crops at random places and sizes (from minShare of the width up). */
    private static List<byte[]> crops(List<String> files, int count, double minShare, String format) throws Exception {
        List<BufferedImage> sources = new ArrayList<>();
        for (String s : files) {
            sources.add(ImageIO.read(new File("samples", s)));
        }
        Random rnd = new Random(7);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BufferedImage p = sources.get(i % sources.size());
            int w = (int) (p.getWidth() * (minShare + rnd.nextDouble() * (1 - minShare) * 0.7));
            // documents: strips of two to four lines (a scanner's cut, and a text record costs a few lines)
            int h = Math.min(p.getHeight(), format.equals("png") ? 50 + rnd.nextInt(60) : w * 3 / 4);
            BufferedImage crop = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
            crop.getGraphics().drawImage(p.getSubimage(rnd.nextInt(p.getWidth() - w + 1), rnd.nextInt(p.getHeight() - h + 1),
                    w, h), 0, 0, null);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(crop, format, bytes);
            out.add(bytes.toByteArray());
        }
        return out;
    }

    @Override
    public void close() {
        try {
            publisher.close();
        } finally {
            outputs.close();
        }
    }
}
