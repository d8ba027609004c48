package io.visionstream.cli;

import io.visionstream.job.VisionStreamJob;
import java.util.Arrays;
import java.util.List;

/** Entry point of the {@code visionstream} launcher: demo | run. */
public final class VisionStreamCli {
    private VisionStreamCli() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        int rc;
        try {
            switch (args[0]) {
                case "demo" -> rc = Demo.main(rest);
                case "publish" -> rc = Publish.main(rest);
                case "bench" -> rc = Bench.main(rest);
                case "run" -> {
                    VisionStreamJob.main(rest.toArray(new String[0]));
                    rc = 0;
                }
                default -> {
                    usage();
                    rc = 2;
                }
            }
        } catch (IllegalArgumentException | io.visionstream.model.RegistryException
                 | io.visionstream.runtime.MemoryBudgetException e) {
            System.err.println("visionstream: " + e.getMessage());
            rc = 2;
        }
        System.exit(rc);
    }

    private static void usage() {
        System.err.println("""
                usage: visionstream demo [--images DIR] [--model NAME[,NAME...]] [--out DIR]
                       visionstream run --bootstrap HOST:PORT [--config FILE] [--KEY VALUE ...]
                       visionstream bench memory [--out DIR] [--budget-mb 1024] [--models A,B] [--sizes WxH,...]
                       visionstream bench soak [--out DIR] [--count 20000] [--minutes N] [--model A[,B,...]] [--every 1000] [--every-s 60] [--checkpoint-ms 2000]
                       visionstream bench accuracy [--out DIR] [--sizes WxH,...] [--layouts document,map,receipt,rotated]
                       visionstream bench fuzz [--seed 12] [--parallelism 2] [--timeout-s 900]
                       visionstream bench throughput [--out DIR] [--models A,B] [--images DIR] [--seconds 10]
                                                     [--modes ceiling,inprocess,pipeline,peer]
                       visionstream publish --bootstrap HOST:PORT [--config FILE] [--topic images] [--stream ID] [--model NAME]
                                            [--profile NAME] FILE...
                """);
    }
}
