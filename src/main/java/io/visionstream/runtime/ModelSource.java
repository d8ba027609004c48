package io.visionstream.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a model file lives: a file on disk (loaded by ONNX Runtime itself) or a class-path resource. */
public record ModelSource(String path, String resource) implements Serializable {

    public static ModelSource ofFile(Path file) {
        return new ModelSource(file.toString(), null);
    }

    /** The file on disk; null for a class-path resource. (Kept as a string: a Path cannot be serialized.) */
    public Path file() {
        return path == null ? null : Path.of(path);
    }

    public static ModelSource ofResource(String resource) {
        return new ModelSource(null, resource);
    }

    public boolean isFile() {
        return path != null;
    }

    public boolean exists() {
        if (isFile()) {
            return Files.isRegularFile(file());
        }
        return ModelSource.class.getClassLoader().getResource(resource) != null;
    }

    /** Size of the model file in bytes (its weights must be resident once loaded); 0 when unknown. */
    public long size() {
        try {
            if (isFile()) {
                return Files.size(file());
            }
            java.net.URL url = ModelSource.class.getClassLoader().getResource(resource);
            return url == null ? 0 : Math.max(0, url.openConnection().getContentLengthLong());
        } catch (IOException e) {
            return 0;
        }
    }

    public byte[] readAllBytes() throws IOException {
        if (isFile()) {
            return Files.readAllBytes(file());
        }
        try (InputStream in = ModelSource.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("class-path resource not found: " + resource);
            }
            return in.readAllBytes();
        }
    }

    @Override
    public String toString() {
        return isFile() ? path : "classpath:" + resource;
    }
}
