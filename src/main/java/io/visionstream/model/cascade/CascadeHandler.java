package io.visionstream.model.cascade;

import ai.onnxruntime.OrtException;
import io.visionstream.model.Inference;
import io.visionstream.model.InputProfile;
import io.visionstream.model.MemorySizing;
import io.visionstream.model.ModelHandler;
import io.visionstream.model.ModelSpec;
import io.visionstream.model.Prepared;
import io.visionstream.model.StepTimes;
import io.visionstream.model.StepTimes.Step;
import io.visionstream.reject.RejectedInputException;
import io.visionstream.result.Detection;
import io.visionstream.result.Person;
import io.visionstream.result.MaskImage;
import io.visionstream.result.Stage;
import io.visionstream.result.Task;
import io.visionstream.result.TaskResult;
import io.visionstream.preprocess.Resample;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A detector, then a second model on the crops of its detections (a registry entry with a {@code cascade:}
 * section). Both handlers are the slot's own served models, planned in the slot's memory like any other; this
 * handler owns neither. Per batch: the detector runs on every image, the qualifying detections of all images
 * (label, score, at most maxCrops per image, highest score first) are cut from the decoded frames as views
 * (never copied or re-encoded; scaled down only above maxCropPixels), and the second model runs on them in
 * batches as large as it takes. A crop that cannot run marks its detection, never the frame.
 */
public final class CascadeHandler implements ModelHandler {
    private final ModelSpec spec;
    private final CascadeSettings settings;
    private final ModelHandler first;
    private final ModelHandler then;
    private final boolean owns;
    /** readOnce: the objects this slot follows per stream and their reads; null otherwise. */
    private final ReadMemory memory;

    public CascadeHandler(ModelSpec spec, ModelHandler first, ModelHandler then) {
        this(spec, first, then, false);
    }

    private CascadeHandler(ModelSpec spec, ModelHandler first, ModelHandler then, boolean owns) {
        this.spec = spec;
        this.settings = CascadeSettings.of(spec);
        this.first = first;
        this.then = then;
        this.owns = owns;
        this.memory = settings.readOnce() ? new ReadMemory() : null;
    }

    /** A cascade that closes its two handlers with itself (a tool's, outside a slot). */
    public static CascadeHandler owning(ModelSpec spec, ModelHandler first, ModelHandler then) {
        return new CascadeHandler(spec, first, then, true);
    }

    public CascadeSettings settings() {
        return settings;
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public String device() {
        return first.device();
    }

    @Override
    public long fallbacks() {
        return first.fallbacks() + then.fallbacks();
    }

    @Override
    public Prepared prepare(BufferedImage image, InputProfile profile) throws RejectedInputException {
        return first.prepare(image, profile);
    }

    @Override
    public boolean takesProfiles() {
        return first.takesProfiles();
    }

    @Override
    public int maxBatch() {
        return first.maxBatch();
    }

    /** Crops are cut from full-resolution pixels, so the frame is never decoded smaller. */
    @Override
    public int decodeSubsampling(int w, int h) {
        return 1;
    }

    /** What a waiting record costs is the detector's; both sessions are sized as the slot's own models. */
    @Override
    public MemorySizing sizing() {
        return first.sizing();
    }

    /**
     * One qualifying detection of one image of the batch, and its crop once cut; under readOnce, the object it
     * shows and the later detections of the same object in this batch, which take its read.
     */
    private static final class Crop {
        final int image;
        final int detection;
        final Detection box;
        final CropPlacement placement;
        Prepared prepared;
        String stream;
        long object = -1;
        double worth;
        final List<Crop> followers = new ArrayList<>(0);

        Crop(int image, int detection, Detection box, CropPlacement placement) {
            this.image = image;
            this.detection = detection;
            this.box = box;
            this.placement = placement;
        }
    }

    @Override
    public List<Inference> infer(List<Prepared> batch) throws OrtException {
        return infer(batch, java.util.Collections.nCopies(batch.size(), null));
    }

    @Override
    public List<Inference> infer(List<Prepared> batch, List<String> streams) throws OrtException {
        List<Inference> detected = new ArrayList<>(batch.size());
        int size = Math.max(1, first.maxBatch());
        for (int from = 0; from < batch.size(); from += size) {
            detected.addAll(first.infer(batch.subList(from, Math.min(batch.size(), from + size))));
        }
        StepTimes thenTimes = new StepTimes();
        List<Stage[]> stages = new ArrayList<>(batch.size());
        List<FrameMask> masks = new ArrayList<>(batch.size());
        List<Crop> crops = new ArrayList<>();
        Map<String, Crop> reading = new HashMap<>(); // readOnce: the crop of this batch that reads an object
        for (int i = 0; i < batch.size(); i++) {
            TaskResult.Detections d = (TaskResult.Detections) detected.get(i).result();
            Stage[] s = new Stage[d.detections().size()];
            stages.add(s);
            plan(i, batch.get(i).image(), d.detections(), s, crops, streams.get(i), reading);
            masks.add(then.spec().task() == Task.SEGMENT
                    ? new FrameMask(batch.get(i).image().getWidth(), batch.get(i).image().getHeight()) : null);
        }
        runSecond(crops, stages, masks);
        thenTimes.lap(Step.THEN);
        List<Inference> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Inference inf = detected.get(i);
            TaskResult.Detections d = (TaskResult.Detections) inf.result();
            // the second model's time is shared out by the share of crops each image had
            int image = i;
            long mine = crops.stream().filter(c -> c.image == image).count();
            StepTimes t = inf.times();
            t.add(Step.THEN, crops.isEmpty() ? 0 : thenTimes.get(Step.THEN) * mine / crops.size());
            MaskImage mask = masks.get(i) == null ? null : masks.get(i).image();
            out.add(new Inference(new TaskResult.Detections(d.detections(), Arrays.asList(stages.get(i)), mask),
                    inf.runs() + (int) mine, inf.inputWidth(), inf.inputHeight(), inf.runPixels(), t));
        }
        return out;
    }

    /**
     * Picks one image's detections for the second model and cuts their crops: every detection of a wanted label at
     * or above minScore is a candidate; the highest-scoring maxCrops are cut, the others are marked not run.
     * Counts and sizes are checked before any pixel is touched. Under readOnce a candidate whose object was read
     * before (on an earlier frame, or on an earlier frame of this batch) takes that read instead, unless its view
     * is clearly better.
     */
    private void plan(int imageIndex, BufferedImage image, List<Detection> dets, Stage[] stages, List<Crop> crops,
                      String stream, Map<String, Crop> reading) {
        List<Integer> wanted = new ArrayList<>();
        for (int j = 0; j < dets.size(); j++) {
            Detection d = dets.get(j);
            if (settings.wants(d.label()) && d.score() >= settings.minScore()) {
                wanted.add(j);
            }
        }
        wanted.sort(Comparator.comparingDouble((Integer j) -> -dets.get(j).score()).thenComparingInt(j -> j));
        boolean remember = memory != null && stream != null;
        long[] objects = remember ? memory.follow(stream, wanted.stream().map(dets::get).toList()) : null;
        for (int rank = 0; rank < wanted.size(); rank++) {
            int j = wanted.get(rank);
            if (rank >= settings.maxCrops()) {
                stages[j] = Stage.notRun(then.spec().name(), "maxCrops " + settings.maxCrops() + " reached: "
                        + wanted.size() + " detections qualified in this frame");
                continue;
            }
            CropPlacement p = placement(image, dets.get(j));
            if (p.width() < settings.minCropSide() || p.height() < settings.minCropSide()) {
                stages[j] = Stage.failed(then.spec().name(), "crop " + p.width() + "x" + p.height()
                        + " is below minCropSide " + settings.minCropSide());
                continue;
            }
            Crop c = new Crop(imageIndex, j, dets.get(j), p);
            if (remember && objects[rank] >= 0) {
                c.stream = stream;
                c.object = objects[rank];
                c.worth = Math.min((double) p.width() * p.height(), settings.maxCropPixels()) * dets.get(j).score();
                Crop pending = reading.get(stream + "\n" + c.object);
                ReadMemory.Read best = memory.get(stream, c.object);
                if (pending != null && c.worth < ReadMemory.BETTER * pending.worth) {
                    pending.followers.add(c);
                    continue;
                }
                if (pending == null && !ReadMemory.worthReading(best, c.worth)) {
                    stages[j] = Stage.reused(then.spec().name(), mainPerson(ReadMemory.moved(best, p), c.box));
                    continue;
                }
            }
            try {
                c.prepared = then.prepare(cut(image, p), then.spec().defaultProfile());
                crops.add(c);
                if (c.object >= 0) {
                    reading.put(stream + "\n" + c.object, c);
                }
            } catch (RejectedInputException e) {
                stages[j] = Stage.failed(then.spec().name(), e.reason().name() + ": " + e.getMessage());
            }
        }
    }

    /** The detection's box with the margin, clamped to the frame, and the scale that keeps it within maxCropPixels. */
    private CropPlacement placement(BufferedImage image, Detection d) {
        float bw = d.x2() - d.x1();
        float bh = d.y2() - d.y1();
        int x1 = (int) Math.floor(Math.max(0, d.x1() - bw * settings.pad()));
        int y1 = (int) Math.floor(Math.max(0, d.y1() - bh * settings.pad()));
        int x2 = (int) Math.ceil(Math.min(image.getWidth(), d.x2() + bw * settings.pad()));
        int y2 = (int) Math.ceil(Math.min(image.getHeight(), d.y2() + bh * settings.pad()));
        int w = Math.max(0, x2 - x1);
        int h = Math.max(0, y2 - y1);
        long pixels = (long) w * h;
        double scale = pixels > settings.maxCropPixels() ? Math.sqrt((double) settings.maxCropPixels() / pixels) : 1.0;
        return new CropPlacement(x1, y1, w, h, scale);
    }

    /** A view of the frame's pixels; a new, smaller image only when the crop is above maxCropPixels. */
    private static BufferedImage cut(BufferedImage image, CropPlacement p) {
        BufferedImage view = image.getSubimage(p.x(), p.y(), p.width(), p.height());
        if (p.scale() >= 1.0) {
            return view;
        }
        return Resample.bilinear(view, (int) Math.floor(p.width() * p.scale()), (int) Math.floor(p.height() * p.scale()));
    }

    /**
     * Runs the second model over all crops in batches it takes; a failed run marks its crops' detections. A
     * segmenter's crop masks are painted into their frame's mask while they are still valid. Under readOnce a read
     * is remembered for its object and handed to the later detections of that object in the batch.
     */
    private void runSecond(List<Crop> crops, List<Stage[]> stages, List<FrameMask> masks) {
        int size = Math.max(1, then.maxBatch());
        for (int from = 0; from < crops.size(); from += size) {
            List<Crop> chunk = crops.subList(from, Math.min(crops.size(), from + size));
            List<Prepared> prepared = chunk.stream().map(c -> c.prepared).toList();
            try {
                List<Inference> results = then.infer(prepared);
                for (int k = 0; k < chunk.size(); k++) {
                    Crop c = chunk.get(k);
                    TaskResult inCrop = results.get(k).result();
                    if (masks.get(c.image) != null && inCrop instanceof TaskResult.Segments seg) {
                        masks.get(c.image).paint(seg.mask(), c.placement);
                    }
                    stages.get(c.image)[c.detection] = Stage.ok(then.spec().name(),
                            mainPerson(c.placement.toFrame(inCrop), c.box));
                    if (c.object >= 0) {
                        memory.put(c.stream, c.object, inCrop, c.placement, c.worth);
                        ReadMemory.Read best = memory.get(c.stream, c.object);
                        if (best == null) { // its stream was forgotten meanwhile (over MAX_STREAMS in one batch)
                            best = new ReadMemory.Read(inCrop.withoutPixels(), c.placement, c.worth, 1);
                        }
                        for (Crop f : c.followers) {
                            stages.get(f.image)[f.detection] = Stage.reused(then.spec().name(),
                                    mainPerson(ReadMemory.moved(best, f.placement), f.box));
                        }
                    }
                }
            } catch (OrtException | RuntimeException e) {
                for (Crop c : chunk) {
                    Stage failed = Stage.failed(then.spec().name(), e.getClass().getSimpleName() + ": " + e.getMessage());
                    stages.get(c.image)[c.detection] = failed;
                    c.followers.forEach(f -> stages.get(f.image)[f.detection] = failed);
                }
            } finally {
                chunk.forEach(c -> c.prepared = null);
            }
        }
    }

    /**
     * A crop's padding and a crowd behind bring other people into it: of a people result, only the person whose box
     * matches the detection best (that detection's own) is kept.
     */
    static TaskResult mainPerson(TaskResult r, Detection box) {
        if (!(r instanceof TaskResult.Segments s) || s.people().size() <= 1) {
            return r;
        }
        Person best = null;
        float bestIou = -1f;
        for (Person p : s.people()) {
            float iou = new Detection(0, "person", p.score(), p.box()[0], p.box()[1], p.box()[2], p.box()[3]).iou(box);
            if (iou > bestIou) {
                bestIou = iou;
                best = p;
            }
        }
        return new TaskResult.Segments(s.segments(), s.mask(), List.of(best));
    }

    /** In a slot the detector and the second model belong to the slot, which closes them. */
    @Override
    public void close() throws OrtException {
        if (owns) {
            try {
                first.close();
            } finally {
                then.close();
            }
        }
    }
}
