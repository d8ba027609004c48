package io.visionstream.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** PNGs written chunk by chunk, so that a test can make them lie: sizes, lengths and data that do not agree. */
public final class PngBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public PngBuilder() {
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    }

    /** IHDR of an 8-bit image; colourType 0 grey, 2 RGB, 6 RGBA. */
    public PngBuilder header(int width, int height, int colourType) {
        return chunk("IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) colourType).put((byte) 0).put((byte) 0).put((byte) 0).array());
    }

    public PngBuilder chunk(String type, byte[] data) {
        return chunk(type, data, data.length);
    }

    /** A chunk whose length field says {@code declaredLength}, whatever the data holds. */
    PngBuilder chunk(String type, byte[] data, int declaredLength) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(declaredLength).array());
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        return this;
    }

    public PngBuilder end() {
        return chunk("IEND", new byte[0]);
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    /**
     * Zero-filled scanlines (filter byte 0 + zero pixels) deflated: the classic bomb, about a thousand times
     * smaller than what it inflates to. {@code rows} may exceed the image's height (data that never ends).
     */
    static byte[] zeroRows(int rowBytes, long rows) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        byte[] row = new byte[rowBytes + 1];
        byte[] buf = new byte[1 << 16];
        for (long r = 0; r < rows; r++) {
            d.setInput(row);
            while (!d.needsInput()) {
                z.write(buf, 0, d.deflate(buf));
            }
        }
        d.finish();
        while (!d.finished()) {
            z.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return z.toByteArray();
    }
}
