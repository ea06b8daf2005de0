package kz.citizenrequests.shared;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The service's log file in the test profile (target/service-test.log), read from an offset. */
public final class ServiceLog {

    private static final Path FILE = Path.of("target/service-test.log");

    private ServiceLog() {
    }

    public static long size() throws IOException {
        return Files.exists(FILE) ? Files.size(FILE) : 0;
    }

    public static String since(long offset) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(FILE.toFile(), "r")) {
            long length = file.length() - offset;
            byte[] bytes = new byte[(int) Math.max(0, length)];
            file.seek(offset);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    public static void assertNoErrorSince(long offset) throws IOException {
        List<String> errors = since(offset).lines().filter(line -> line.contains(" ERROR ")).toList();
        assertEquals(List.of(), errors, "no ERROR line expected in the service log");
    }
}
