package io.visionstream.job;

import io.visionstream.io.ImageRecord;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time for the images: the time the source read each record, and a watermark of "now" on every split.
 * The job reorders a stream's frames only where they spread over the inference slots, so what the per-stream
 * step must know is "everything read before t is through inference", and that is exactly this watermark once
 * each operator on the way holds it back behind the records it still has. Unlike the cameras' capture times it
 * does not depend on any producer's clock, and an idle partition never holds the watermark back.
 */
final class ArrivalTime implements WatermarkStrategy<ImageRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public TimestampAssigner<ImageRecord> createTimestampAssigner(TimestampAssignerSupplier.Context context) {
        return new TimestampAssigner<>() {
            private long last;

            @Override
            public long extractTimestamp(ImageRecord element, long recordTimestamp) {
                last = Math.max(last, System.currentTimeMillis()); // never backwards, whatever the wall clock does
                return last;
            }
        };
    }

    @Override
    public WatermarkGenerator<ImageRecord> createWatermarkGenerator(WatermarkGeneratorSupplier.Context context) {
        return new WatermarkGenerator<>() {
            private long last = Long.MIN_VALUE;

            @Override
            public void onEvent(ImageRecord event, long eventTimestamp, WatermarkOutput output) {
                last = Math.max(last, eventTimestamp);
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                // every record this split emits from now on is stamped now or later
                last = Math.max(last, System.currentTimeMillis() - 1);
                output.emitWatermark(new Watermark(last));
            }
        };
    }

    /** For the zones topic: never holds back the watermark of the input it is joined with. */
    static <T> WatermarkStrategy<T> never() {
        return ctx -> new WatermarkGenerator<>() {
            @Override
            public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.emitWatermark(new Watermark(Long.MAX_VALUE));
            }
        };
    }
}
