package io.visionstream.codec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Encodes an RGB PNG row by row, so a large output image never exists uncompressed: producers hand over a
 * band of rows (a row of tiles), it is filtered and deflated, and only the compressed bytes are kept. The
 * compressed size is capped: past {@code maxBytes} the writer stops and reports overflow, which bounds the
 * memory of an output that could not be published anyway.
 */
public final class StreamingPngWriter {
    private static final int IDAT_CHUNK = 64 * 1024;

    private final int width;
    private final int height;
    private final long maxBytes;
    private final ByteArrayOutputStream out;
    private final Deflater deflater = new Deflater(6);
    private final byte[] deflated = new byte[IDAT_CHUNK];
    private final byte[] line;
    private final byte[] previous;
    private int rowsWritten;
    private boolean overflow;

    public StreamingPngWriter(int width, int height, long maxBytes) {
        this.width = width;
        this.height = height;
        this.maxBytes = maxBytes;
        this.out = new ByteArrayOutputStream((int) Math.min(maxBytes, 1 << 20));
        this.line = new byte[1 + width * 3];
        this.previous = new byte[width * 3];
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunk("IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0).array(), 13);
    }

    /** Appends rows given as interleaved B,G,R bytes, {@code stride} bytes apart, starting at offset. */
    public void writeBgrRows(byte[] bgr, int offset, int stride, int rows) {
        for (int r = 0; r < rows && !overflow; r++) {
            int o = offset + r * stride;
            // PNG filter "Up": the difference to the row above compresses photos far better than raw rows
            line[0] = 2;
            for (int x = 0; x < width; x++) {
                int s = o + x * 3;
                int d = x * 3;
                byte red = bgr[s + 2];
                byte green = bgr[s + 1];
                byte blue = bgr[s];
                line[1 + d] = (byte) (red - previous[d]);
                line[2 + d] = (byte) (green - previous[d + 1]);
                line[3 + d] = (byte) (blue - previous[d + 2]);
                previous[d] = red;
                previous[d + 1] = green;
                previous[d + 2] = blue;
            }
            deflater.setInput(line);
            drain(false);
            rowsWritten++;
        }
    }

    /** The PNG, or null when it grew past maxBytes. Call once every row is written. */
    public byte[] finish() {
        if (overflow) {
            deflater.end();
            return null;
        }
        if (rowsWritten != height) {
            throw new IllegalStateException(rowsWritten + " of " + height + " rows written");
        }
        deflater.finish();
        drain(true);
        deflater.end();
        if (overflow) {
            return null;
        }
        chunk("IEND", new byte[0], 0);
        return out.toByteArray();
    }

    public boolean overflowed() {
        return overflow;
    }

    private void drain(boolean finishing) {
        while (finishing ? !deflater.finished() : !deflater.needsInput()) {
            int n = deflater.deflate(deflated);
            if (n > 0) {
                chunk("IDAT", deflated, n);
                if (out.size() > maxBytes) {
                    overflow = true;
                    return;
                }
            }
        }
    }

    private void chunk(String type, byte[] data, int length) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(length).array());
        out.writeBytes(t);
        out.write(data, 0, length);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data, 0, length);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
