package org.modelops.governance.shared;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Reads every file of a folder, whether it is on the classpath (in a directory or a jar) or on disk. The packaged
 * {@code workflows/} and {@code policies/} are read this way, then overridden from a configured directory.
 */
public final class ClasspathFolder {

    private ClasspathFolder() {
    }

    /** Files directly in {@code folder} whose names end with {@code suffix}, by name, in name order. */
    public static Map<String, byte[]> read(String folder, String suffix) {
        var files = new TreeMap<String, byte[]>();
        var url = ClasspathFolder.class.getClassLoader().getResource(folder);
        if (url == null) {
            return files;
        }
        try {
            if ("jar".equals(url.getProtocol())) {
                readJar(url, folder, suffix, files);
            } else {
                files.putAll(readDirectory(Path.of(url.toURI()), suffix));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }

    public static Map<String, byte[]> readDirectory(Path directory, String suffix) {
        var files = new LinkedHashMap<String, byte[]>();
        try (Stream<Path> paths = Files.list(directory)) {
            for (var path : paths.sorted().toList()) {
                if (path.getFileName().toString().endsWith(suffix)) {
                    files.put(path.getFileName().toString(), Files.readAllBytes(path));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory, e);
        }
        return files;
    }

    private static void readJar(URL url, String folder, String suffix, Map<String, byte[]> files) throws IOException {
        var path = url.getPath();
        var jarPath = path.substring("file:".length(), path.indexOf("!/"));
        try (var jar = new JarFile(java.net.URLDecoder.decode(jarPath, java.nio.charset.StandardCharsets.UTF_8))) {
            var prefix = folder.endsWith("/") ? folder : folder + "/";
            for (var entry : java.util.Collections.list(jar.entries())) {
                var name = entry.getName();
                if (name.startsWith(prefix) && name.endsWith(suffix) && name.indexOf('/', prefix.length()) < 0) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        files.put(name.substring(prefix.length()), in.readAllBytes());
                    }
                }
            }
        }
    }
}
