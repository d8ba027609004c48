package io.visionstream.ingest;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Cuts FFmpeg's {@code image2pipe} MJPEG output into whole JPEG files. It walks the marker segments (so an FF D9
 * inside a segment can never end a frame early) and scans entropy-coded data for the end-of-image marker, which
 * also yields each frame's size from its SOF header without decoding it. A frame larger than {@code maxBytes} is
 * a broken stream, not a frame: it fails the session instead of growing the heap.
 */
public final class JpegStreamReader {
    /** One JPEG as FFmpeg wrote it. */
    public record Jpeg(byte[] bytes, int width, int height) {
    }

    private final InputStream in;
    private final int maxBytes;
    private final Buffer out = new Buffer();
    /** Own read buffer: BufferedInputStream locks on every byte. */
    private final byte[] chunk = new byte[1 << 16];
    private int pos;
    private int limit;
    private int width;
    private int height;

    public JpegStreamReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next frame; null at the end of the stream (a frame cut off by the end is dropped with it). */
    public Jpeg next() throws IOException {
        out.reset();
        width = 0;
        height = 0;
        int b0 = readOrEof();
        if (b0 < 0) {
            return null;
        }
        int b1 = readOrEof();
        if (b0 != 0xFF || b1 != 0xD8) {
            throw new IOException("decoder output is not a JPEG stream (starts " + hex(b0) + " " + hex(b1) + ")");
        }
        write(0xFF);
        write(0xD8);
        try {
            int marker = readMarker();
            while (true) {
                if (marker == 0xD9) {
                    return new Jpeg(out.toByteArray(), width, height);
                }
                if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                    marker = readMarker(); // no length
                    continue;
                }
                int len = (read() << 8) | read();
                write(len >> 8);
                write(len & 0xFF);
                if (len < 2) {
                    throw new IOException("bad JPEG segment length " + len);
                }
                boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
                for (int i = 0; i < len - 2; i++) {
                    int b = read();
                    write(b);
                    if (sof && i == 1) {
                        height = b << 8;
                    } else if (sof && i == 2) {
                        height |= b;
                    } else if (sof && i == 3) {
                        width = b << 8;
                    } else if (sof && i == 4) {
                        width |= b;
                    }
                }
                marker = marker == 0xDA ? skipEntropyCoded() : readMarker();
            }
        } catch (EOFException e) {
            return null;
        }
    }

    /** After SOS: copies scan data up to the next real marker (FF 00 is a stuffed byte, FF D0..D7 restarts). */
    private int skipEntropyCoded() throws IOException {
        while (true) {
            int b = read();
            write(b);
            if (b != 0xFF) {
                continue;
            }
            int m = read();
            while (m == 0xFF) { // fill bytes
                write(m);
                m = read();
            }
            write(m);
            if (m != 0x00 && (m < 0xD0 || m > 0xD7)) {
                return m;
            }
        }
    }

    private int readMarker() throws IOException {
        int b = read();
        if (b != 0xFF) {
            throw new IOException("JPEG marker expected, found " + hex(b));
        }
        write(b);
        int m = read();
        while (m == 0xFF) {
            write(m);
            m = read();
        }
        write(m);
        return m;
    }

    private int readOrEof() throws IOException {
        if (pos == limit) {
            int n = in.read(chunk, 0, chunk.length);
            if (n <= 0) {
                return -1;
            }
            pos = 0;
            limit = n;
        }
        return chunk[pos++] & 0xFF;
    }

    private int read() throws IOException {
        int b = readOrEof();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }

    private void write(int b) throws IOException {
        if (out.size() >= maxBytes) {
            throw new IOException("a decoded frame exceeds " + maxBytes + " bytes: broken decoder output");
        }
        out.write(b);
    }

    private static String hex(int b) {
        return b < 0 ? "EOF" : String.format("%02X", b);
    }

    /** ByteArrayOutputStream without the synchronisation on every byte. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(256 << 10);
        }

        @Override
        public void write(int b) {
            if (count == buf.length) {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
            buf[count++] = (byte) b;
        }

        @Override
        public void reset() {
            count = 0;
        }

        @Override
        public int size() {
            return count;
        }

        @Override
        public byte[] toByteArray() {
            return java.util.Arrays.copyOf(buf, count);
        }
    }
}
