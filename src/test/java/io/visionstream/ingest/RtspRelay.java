package io.visionstream.ingest;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal RTSP server for the tests, over TCP (interleaved RTP): FFmpeg publishes a stream to it
 * ({@code -f rtsp rtsp://127.0.0.1:PORT/cam}: ANNOUNCE, SETUP, RECORD) and cameras' clients play it (OPTIONS,
 * DESCRIBE, SETUP, PLAY), as from a real camera or NVR. The RTP packets are relayed as they come; the SDP is the
 * publisher's. FFmpeg's own RTSP listen mode only receives a stream (it is an input option), so it cannot serve
 * one; this relay is the server in the middle.
 */
final class RtspRelay implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Player> players = new CopyOnWriteArrayList<>();
    private volatile String sdp;

    private record Player(Socket socket, OutputStream out) {
    }

    RtspRelay(int port) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true); // restarted on the same port right after a kill
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        Thread t = new Thread(this::accept, "rtsp-relay-accept");
        t.setDaemon(true);
        t.start();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                Thread t = new Thread(() -> serve(s), "rtsp-relay-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
            OutputStream out = s.getOutputStream();
            boolean recording = false;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                if (b == '$') {
                    int channel = in.readUnsignedByte();
                    int len = in.readUnsignedShort();
                    byte[] data = new byte[len];
                    in.readFully(data);
                    if (recording) {
                        relay(channel, data);
                    }
                    continue;
                }
                String requestLine = (char) b + line(in);
                Map<String, String> headers = new LinkedHashMap<>();
                for (String h = line(in); !h.isEmpty(); h = line(in)) {
                    int colon = h.indexOf(':');
                    headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
                }
                byte[] body = new byte[Integer.parseInt(headers.getOrDefault("content-length", "0"))];
                in.readFully(body);
                String[] parts = requestLine.split(" ");
                String method = parts[0];
                String url = parts.length > 1 ? parts[1] : "";
                String cseq = headers.getOrDefault("cseq", "0");
                switch (method) {
                    case "OPTIONS" -> reply(out, cseq, 200, "Public: OPTIONS, DESCRIBE, ANNOUNCE, SETUP, PLAY, RECORD, "
                            + "TEARDOWN, GET_PARAMETER\r\n", null);
                    case "ANNOUNCE" -> {
                        sdp = new String(body, StandardCharsets.UTF_8);
                        reply(out, cseq, 200, "", null);
                    }
                    case "DESCRIBE" -> {
                        String d = sdp;
                        if (d == null) {
                            reply(out, cseq, 404, "", null);
                        } else {
                            reply(out, cseq, 200, "Content-Base: " + url + "/\r\nContent-Type: application/sdp\r\n", d);
                        }
                    }
                    case "SETUP" -> reply(out, cseq, 200, "Transport: " + headers.getOrDefault("transport",
                            "RTP/AVP/TCP;unicast;interleaved=0-1") + "\r\nSession: 12345678;timeout=60\r\n", null);
                    case "RECORD" -> {
                        recording = true;
                        reply(out, cseq, 200, "Session: 12345678\r\n", null);
                    }
                    case "PLAY" -> {
                        reply(out, cseq, 200, "Session: 12345678\r\n", null);
                        players.add(new Player(s, out));
                    }
                    case "TEARDOWN" -> {
                        reply(out, cseq, 200, "", null);
                        return;
                    }
                    default -> reply(out, cseq, 200, "Session: 12345678\r\n", null);
                }
            }
        } catch (IOException e) {
            // connection closed
        } finally {
            players.removeIf(p -> p.socket() == s);
        }
    }

    private void relay(int channel, byte[] data) {
        List<Player> gone = new ArrayList<>();
        for (Player p : players) {
            try {
                synchronized (p.out()) {
                    p.out().write(new byte[] {'$', (byte) channel, (byte) (data.length >> 8), (byte) data.length});
                    p.out().write(data);
                    p.out().flush();
                }
            } catch (IOException e) {
                gone.add(p);
            }
        }
        players.removeAll(gone);
    }

    private static void reply(OutputStream out, String cseq, int status, String headers, String body) throws IOException {
        byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String head = "RTSP/1.0 " + status + (status == 200 ? " OK" : " Not Found") + "\r\nCSeq: " + cseq + "\r\n"
                + headers + (b.length > 0 ? "Content-Length: " + b.length + "\r\n" : "") + "\r\n";
        synchronized (out) {
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(b);
            out.flush();
        }
    }

    private static String line(DataInputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                b.write(c);
            }
        }
        if (c < 0 && b.size() == 0) {
            throw new IOException("closed");
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    /** The server is gone: every connection closes, as when a camera or NVR dies. */
    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
