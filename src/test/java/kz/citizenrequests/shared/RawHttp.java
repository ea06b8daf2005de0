package kz.citizenrequests.shared;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one connection per exchange. Unlike the usual clients it
 * sends exactly the bytes it is given: control characters in headers, broken percent
 * encoding, a missing Content-Type, a chunked body that never ends.
 */
final class RawHttp {

    private static final int CHUNK = 8192;
    private static final int TIMEOUT_MILLIS = 10_000;

    private RawHttp() {
    }

    /** What came back; {@code failure} says why nothing (or only part) came back. */
    record Answer(int status, Map<String, String> headers, byte[] body, String failure) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * Sends one request. Bodies over {@code earlyAnswerAbove} bytes are held back until
     * the server has had a moment to refuse them on their headers, the way a client
     * sending {@code Expect: 100-continue} would, so that an early 413 is read rather
     * than lost to a connection reset.
     */
    static Answer exchange(int port, byte[] head, byte[] body, boolean chunked, int earlyAnswerAbove) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            try {
                out.write(head);
                out.flush();
                if (body.length > earlyAnswerAbove && answersEarly(in)) {
                    return read(in);
                }
                if (chunked) {
                    for (int from = 0; from < body.length; from += CHUNK) {
                        int length = Math.min(CHUNK, body.length - from);
                        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body, from, length);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        if (in.available() > 0) {
                            return read(in);
                        }
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } else {
                    out.write(body);
                }
                out.flush();
            } catch (IOException sending) {
                // The server may have answered and closed before taking the whole body.
                try {
                    return read(in);
                } catch (IOException reading) {
                    return new Answer(0, Map.of(), new byte[0], "connection closed while sending: " + sending.getMessage());
                }
            }
            return read(in);
        } catch (SocketTimeoutException e) {
            return new Answer(0, Map.of(), new byte[0], "no answer within " + TIMEOUT_MILLIS / 1000 + " s");
        } catch (IOException e) {
            return new Answer(0, Map.of(), new byte[0], "connection failed: " + e.getMessage());
        }
    }

    private static boolean answersEarly(InputStream in) throws IOException {
        for (int wait = 0; wait < 20 && in.available() == 0; wait++) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return in.available() > 0;
    }

    private static Answer read(InputStream raw) throws IOException {
        Reader in = new Reader(raw);
        String statusLine = in.line();
        if (statusLine == null) {
            return new Answer(0, Map.of(), new byte[0], "connection closed without an answer");
        }
        String[] parts = statusLine.split(" ", 3);
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (RuntimeException e) {
            return new Answer(0, Map.of(), new byte[0], "not an HTTP status line: " + statusLine);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = in.line(); line != null && !line.isEmpty(); line = in.line()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                        (a, b) -> a + ", " + b);
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String length = headers.get("content-length");
        if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
            for (String size = in.line(); size != null; size = in.line()) {
                int semicolon = size.indexOf(';');
                int n;
                try {
                    n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                } catch (NumberFormatException e) {
                    return new Answer(status, headers, body.toByteArray(), "a broken chunked body: " + size);
                }
                if (n == 0) {
                    break;
                }
                in.copy(n, body);
                in.line();
            }
        } else if (length != null && length.trim().matches("[0-9]{1,9}")) {
            in.copy(Integer.parseInt(length.trim()), body);
        } else {
            in.copy(Integer.MAX_VALUE, body);
        }
        return new Answer(status, headers, body.toByteArray(), null);
    }

    /** Lines and counted bytes from a socket, without the buffering of a character reader. */
    private static final class Reader {
        private final InputStream in;

        Reader(InputStream in) {
            this.in = in;
        }

        String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b = in.read();
            if (b < 0) {
                return null;
            }
            while (b >= 0 && b != '\n') {
                if (b != '\r') {
                    line.write(b);
                }
                b = in.read();
            }
            return line.toString(StandardCharsets.ISO_8859_1);
        }

        void copy(int n, ByteArrayOutputStream to) throws IOException {
            byte[] buffer = new byte[CHUNK];
            int left = n;
            while (left > 0) {
                int read = in.read(buffer, 0, Math.min(buffer.length, left));
                if (read < 0) {
                    return;
                }
                to.write(buffer, 0, read);
                left -= read;
            }
        }
    }
}
