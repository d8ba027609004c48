package io.visionstream.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visionstream.cli.VisionStreamCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code visionstream ingest} on the command line: its help and its usage errors. */
class IngestCommandTest {
    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = VisionStreamCli.execute(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void helpListsTheOptionsWithTheirDefaults() {
        Run r = run("ingest", "--help");
        assertEquals(0, r.code());
        for (String s : new String[] {"--bootstrap", "--stream", "--source", "--cameras", "--fps", "--keyframes-only",
                "--max-side", "Default: 1920", "--quality", "Default: 85", "--loop", "--queue-frames",
                "--stall-timeout-s", "--metrics-port", "--report-every-s", "--config", "--kafka.properties.NAME"}) {
            assertTrue(r.out().contains(s), "help shows " + s + ":\n" + r.out());
        }
    }

    @Test
    void mistypedOptionNamesTheNearestInOneLine() {
        Run r = run("ingest", "--fsp", "5", "--source", "x.mp4");
        assertEquals(2, r.code());
        assertEquals("visionstream ingest: unknown option '--fsp'; did you mean '--fps'?", r.err().strip());
    }

    @Test
    void noSourceIsAUsageError() {
        Run r = run("ingest", "--stream", "a");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("give --source"), r.err());
        Run both = run("ingest", "--cameras", "c.yaml", "--source", "x.mp4");
        assertEquals(2, both.code());
        assertTrue(both.err().contains("leave out --stream and --source"), both.err());
    }
}
